// Krippendorff's alpha, as defined in "Computing Krippendorff's Alpha-Reliability" (2011): units coded by
// any number of coders, values missing where a coder did not code a unit. Pure and exact: the coincidence
// matrix is built from pairable values only (units with two or more values).

import { multinomial, quantile, seededRandom } from "@/lib/quality/random";

export type AlphaLevel = "nominal" | "ordinal" | "interval";

/** One unit: the values its coders gave (missing values left out). */
export type AlphaUnit = number[];

type Coincidences = { values: number[]; matrix: number[][]; totals: number[]; n: number };

/** Units with the same values (in any order) contribute alike: a pattern and how many units have it. */
export type AlphaPattern = { values: number[]; count: number };

function coincidences(patterns: AlphaPattern[]): Coincidences {
  const values = [...new Set(patterns.flatMap((pattern) => pattern.values))].sort((a, b) => a - b);
  const index = new Map(values.map((value, i) => [value, i]));
  const matrix = values.map(() => values.map(() => 0));
  for (const { values: unit, count } of patterns) {
    if (unit.length < 2 || count === 0) continue; // not pairable: contributes nothing
    for (let i = 0; i < unit.length; i++) {
      for (let j = 0; j < unit.length; j++) {
        if (i !== j) matrix[index.get(unit[i])!][index.get(unit[j])!] += count / (unit.length - 1);
      }
    }
  }
  const totals = matrix.map((row) => row.reduce((sum, x) => sum + x, 0));
  return { values, matrix, totals, n: totals.reduce((sum, x) => sum + x, 0) };
}

/** The squared difference between two values' indexes at a level of measurement. */
function distance(level: AlphaLevel, { values, totals }: Coincidences): (c: number, k: number) => number {
  if (level === "nominal") return (c, k) => (c === k ? 0 : 1);
  if (level === "interval") return (c, k) => (values[c] - values[k]) ** 2;
  // Ordinal: the values between c and k, counted by how often they were used.
  return (c, k) => {
    const [low, high] = c < k ? [c, k] : [k, c];
    let sum = 0;
    for (let g = low; g <= high; g++) sum += totals[g];
    return (sum - (totals[c] + totals[k]) / 2) ** 2;
  };
}

/** Alpha, or null when it is undefined (fewer than two pairable values, or no variation at all). */
export function krippendorffAlpha(units: AlphaUnit[], level: AlphaLevel): number | null {
  return alphaOfPatterns(
    units.map((values) => ({ values, count: 1 })),
    level,
  );
}

/**
 * Units grouped by their values: a project's million judgments fall into a few hundred patterns (k
 * values from a scale of at most nine), so alpha and each bootstrap round cost as much as the patterns.
 */
export function unitPatterns(units: AlphaUnit[]): AlphaPattern[] {
  const byKey = new Map<string, AlphaPattern>();
  for (const unit of units) {
    if (unit.length < 2) continue;
    const values = [...unit].sort((a, b) => a - b);
    const key = values.join(",");
    const pattern = byKey.get(key);
    if (pattern) pattern.count++;
    else byKey.set(key, { values, count: 1 });
  }
  return [...byKey.values()];
}

export function alphaOfPatterns(patterns: AlphaPattern[], level: AlphaLevel): number | null {
  const table = coincidences(patterns);
  if (table.n < 2) return null;
  const delta = distance(level, table);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < table.values.length; c++) {
    for (let k = 0; k < table.values.length; k++) {
      const d = delta(c, k);
      observed += table.matrix[c][k] * d;
      expected += table.totals[c] * table.totals[k] * d;
    }
  }
  if (expected === 0) return null;
  return 1 - ((table.n - 1) * observed) / expected;
}

/**
 * A percentile bootstrap interval over units: each round draws as many units as there are, with
 * replacement (a multinomial draw over the patterns, the same as drawing units one by one).
 */
export function bootstrapAlpha(patterns: AlphaPattern[], level: AlphaLevel, { rounds = 1000, seed = 1, confidence = 0.95 } = {}) {
  const random = seededRandom(seed);
  const weights = patterns.map((pattern) => pattern.count);
  const total = weights.reduce((sum, x) => sum + x, 0);
  if (total === 0) return null;
  const values: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const counts = multinomial(total, weights, random);
    const alpha = alphaOfPatterns(
      patterns.map((pattern, i) => ({ values: pattern.values, count: counts[i] })),
      level,
    );
    if (alpha !== null) values.push(alpha);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return { lower: quantile(values, tail), upper: quantile(values, 1 - tail) };
}
