// Fleiss' kappa (Fleiss 1971): items each rated by the same number of raters into nominal categories.

/** counts[i][j]: how many raters put item i in category j. Null when undefined (raters differ per item, fewer than 2, or no variation). */
export function fleissKappa(counts: number[][]): number | null {
  if (counts.length === 0) return null;
  const raters = counts[0].reduce((sum, x) => sum + x, 0);
  if (raters < 2 || counts.some((row) => row.reduce((sum, x) => sum + x, 0) !== raters)) return null;
  const items = counts.length;
  const categories = counts[0].length;
  const agreement = counts.map((row) => (row.reduce((sum, x) => sum + x * x, 0) - raters) / (raters * (raters - 1)));
  const observed = agreement.reduce((sum, x) => sum + x, 0) / items;
  let expected = 0;
  for (let j = 0; j < categories; j++) {
    const share = counts.reduce((sum, row) => sum + row[j], 0) / (items * raters);
    expected += share * share;
  }
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}
