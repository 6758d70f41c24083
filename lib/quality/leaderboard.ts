// A model leaderboard from battle counts: Bradley-Terry ratings on the Elo scale with bootstrap intervals,
// the ranks the intervals support, and the win-rate and battle-count matrices.
import { bootstrapRatings, eloRatings, fitBradleyTerry, type PairCount } from "@/lib/quality/bradley-terry";

/** Battles between two named models: wins of each, and ties (a tie or "both bad" on the page). */
export type ModelBattles = { modelA: string; modelB: string; winsA: number; winsB: number; ties: number };

export type LeaderboardRow = {
  model: string;
  rating: number;
  lower: number;
  upper: number;
  /** 1 + the models whose interval lies wholly above this one's: ranks the data supports, shared when unsure. */
  rank: number;
  battles: number;
  /** Wins plus half the ties, over battles. */
  winRate: number;
};

export type Leaderboard = {
  rows: LeaderboardRow[];
  /** models[i] against models[j], in the rows' order: the share won (ties half) and the battles fought. */
  models: string[];
  winRate: (number | null)[][];
  battles: number[][];
  totalBattles: number;
};

export function buildLeaderboard(battles: ModelBattles[], { rounds = 1000, seed = 1 } = {}): Leaderboard {
  const names = [...new Set(battles.flatMap((battle) => [battle.modelA, battle.modelB]))].sort();
  const index = new Map(names.map((name, i) => [name, i]));
  const pairs: PairCount[] = battles.map((battle) => ({
    a: index.get(battle.modelA)!,
    b: index.get(battle.modelB)!,
    winsA: battle.winsA,
    winsB: battle.winsB,
    ties: battle.ties,
  }));
  if (names.length < 2) return { rows: [], models: [], winRate: [], battles: [], totalBattles: 0 };
  const ratings = eloRatings(fitBradleyTerry(pairs, names.length));
  const intervals = bootstrapRatings(pairs, names.length, { rounds, seed });
  const { won, fought } = tallies(pairs, names.length);
  const order = names.map((_, i) => i).sort((x, y) => ratings[y] - ratings[x]);
  const rows = order.map((i) => ({
    model: names[i],
    rating: ratings[i],
    lower: intervals[i].lower,
    upper: intervals[i].upper,
    rank: 1 + intervals.filter((other, j) => j !== i && other.lower > intervals[i].upper).length,
    battles: sum(fought[i]),
    winRate: sum(fought[i]) === 0 ? 0 : sum(won[i]) / sum(fought[i]),
  }));
  return {
    rows,
    models: order.map((i) => names[i]),
    winRate: order.map((i) => order.map((j) => (fought[i][j] === 0 ? null : won[i][j] / fought[i][j]))),
    battles: order.map((i) => order.map((j) => fought[i][j])),
    totalBattles: pairs.reduce((total, pair) => total + pair.winsA + pair.winsB + pair.ties, 0),
  };
}

function tallies(pairs: PairCount[], models: number) {
  const won = Array.from({ length: models }, () => new Array<number>(models).fill(0));
  const fought = Array.from({ length: models }, () => new Array<number>(models).fill(0));
  for (const { a, b, winsA, winsB, ties } of pairs) {
    const games = winsA + winsB + ties;
    won[a][b] += winsA + ties / 2;
    won[b][a] += winsB + ties / 2;
    fought[a][b] += games;
    fought[b][a] += games;
  }
  return { won, fought };
}

function sum(values: number[]): number {
  return values.reduce((total, x) => total + x, 0);
}
