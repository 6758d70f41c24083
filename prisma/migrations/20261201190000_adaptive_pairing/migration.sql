-- Live conversations may pair the models where one more comparison narrows the leaderboard's intervals most.
ALTER TYPE "PairingRule" ADD VALUE 'ADAPTIVE';
