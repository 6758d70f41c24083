// Kendall's coefficient of concordance W, with the correction for ties: m raters each rank the same n
// objects (rank 1 is best; tied objects share the mean of the ranks they span).

/** ranks[r][i]: rater r's rank of object i. Null when undefined (fewer than 2 raters or objects, or all tied). */
export function kendallW(ranks: number[][]): number | null {
  const m = ranks.length;
  const n = ranks[0]?.length ?? 0;
  if (m < 2 || n < 2) return null;
  const sums = Array.from({ length: n }, (_, i) => ranks.reduce((sum, rater) => sum + rater[i], 0));
  const mean = sums.reduce((sum, x) => sum + x, 0) / n;
  const s = sums.reduce((sum, x) => sum + (x - mean) ** 2, 0);
  const ties = ranks.reduce((sum, rater) => sum + tieCorrection(rater), 0);
  const denominator = m * m * (n ** 3 - n) - m * ties;
  return denominator === 0 ? null : (12 * s) / denominator;
}

// Σ (t³ - t) over the groups of tied ranks of one rater.
function tieCorrection(ranks: number[]): number {
  const groups = new Map<number, number>();
  for (const rank of ranks) groups.set(rank, (groups.get(rank) ?? 0) + 1);
  let total = 0;
  for (const t of groups.values()) total += t ** 3 - t;
  return total;
}

/** Ranks from groups best first ([["c"], ["a", "b"]]): ties get the mean of the ranks they span. */
export function midRanks(groups: string[][], objects: string[]): number[] {
  const rankOf = new Map<string, number>();
  let next = 1;
  for (const group of groups) {
    const mean = next + (group.length - 1) / 2;
    for (const object of group) rankOf.set(object, mean);
    next += group.length;
  }
  return objects.map((object) => rankOf.get(object) ?? Number.NaN);
}
