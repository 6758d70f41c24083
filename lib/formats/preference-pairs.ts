// Turns a stored ranking into (chosen, rejected) pairs for the pairwise formats.

export type Ranking = string[][];

export type PreferencePair = { chosenId: string; rejectedId: string };

/**
 * Every pair of candidates where one is ranked above the other (ties give no pair). For red-team
 * projects workers pick the more harmful response, so the dataset's `chosen` is the one not picked.
 */
export function preferencePairs({ ranking, invert }: { ranking: Ranking; invert: boolean }): PreferencePair[] {
  const pairs: PreferencePair[] = [];
  ranking.forEach((group, rank) => {
    for (const lower of ranking.slice(rank + 1).flat()) {
      for (const higher of group) {
        pairs.push(invert ? { chosenId: lower, rejectedId: higher } : { chosenId: higher, rejectedId: lower });
      }
    }
  });
  return pairs;
}
