// The agreement figures of a set of items, from their unit patterns (each item's values, grouped): percent
// agreement and Fleiss' kappa on the choice, Krippendorff's alpha at three levels, each with a bootstrap
// interval over items. Patterns keep a million judgments as cheap as the few hundred shapes they take.
import { alphaOfPatterns, bootstrapAlpha, type AlphaLevel, type AlphaPattern } from "@/lib/quality/krippendorff";
import { multinomial, quantile, seededRandom } from "@/lib/quality/random";

export type Interval = { lower: number; upper: number };
export type Figure = { value: number | null; interval: Interval | null };

export type AgreementSummary = {
  /** Items with two or more judgments. */
  items: number;
  judgments: number;
  percentAgreement: Figure;
  alphaNominal: Figure;
  alphaOrdinal: Figure;
  alphaInterval: Figure;
  /** Over the items judged by the most common number of workers, k; null when no k has two items. */
  fleissKappa: (Figure & { k: number; items: number }) | null;
};

export type BootstrapOptions = { rounds?: number; seed?: number };

/** Pairs of judgments that agree, among all pairs on the same item. */
export function percentAgreementOfPatterns(patterns: AlphaPattern[]): number | null {
  let pairs = 0;
  let agreeing = 0;
  for (const { values, count } of patterns) {
    const n = values.length;
    pairs += (count * n * (n - 1)) / 2;
    for (const times of tallies(values).values()) agreeing += (count * times * (times - 1)) / 2;
  }
  return pairs === 0 ? null : agreeing / pairs;
}

function tallies(values: number[]): Map<number, number> {
  const counts = new Map<number, number>();
  for (const value of values) counts.set(value, (counts.get(value) ?? 0) + 1);
  return counts;
}

/**
 * Fleiss' kappa of patterns that all have the same k values, each pattern standing for `count` items: the
 * 1971 formula with every item's term weighted by its count (fleissKappa() computes it item by item).
 */
export function fleissKappaOfPatterns(patterns: AlphaPattern[]): number | null {
  const k = patterns[0]?.values.length ?? 0;
  const items = patterns.reduce((sum, pattern) => sum + pattern.count, 0);
  if (k < 2 || items === 0 || patterns.some((pattern) => pattern.values.length !== k)) return null;
  let observed = 0;
  const byCategory = new Map<number, number>();
  for (const { values, count } of patterns) {
    let squares = 0;
    for (const [category, times] of tallies(values)) {
      squares += times * times;
      byCategory.set(category, (byCategory.get(category) ?? 0) + times * count);
    }
    observed += (count * (squares - k)) / (k * (k - 1));
  }
  observed /= items;
  let expected = 0;
  for (const total of byCategory.values()) expected += (total / (items * k)) ** 2;
  return expected === 1 ? null : (observed - expected) / (1 - expected);
}

/** A percentile bootstrap interval over items for any statistic of patterns (a multinomial draw per round). */
export function bootstrapPatterns(
  patterns: AlphaPattern[],
  statistic: (patterns: AlphaPattern[]) => number | null,
  { rounds = 1000, seed = 1 }: BootstrapOptions = {},
): Interval | null {
  const weights = patterns.map((pattern) => pattern.count);
  const total = weights.reduce((sum, x) => sum + x, 0);
  if (total === 0) return null;
  const random = seededRandom(seed);
  const values: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const counts = multinomial(total, weights, random);
    const value = statistic(patterns.map((pattern, i) => ({ values: pattern.values, count: counts[i] })));
    if (value !== null && Number.isFinite(value)) values.push(value);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  return { lower: quantile(values, 0.025), upper: quantile(values, 0.975) };
}

function alphaFigure(patterns: AlphaPattern[], level: AlphaLevel, options: BootstrapOptions): Figure {
  const value = alphaOfPatterns(patterns, level);
  return { value, interval: value === null ? null : bootstrapAlpha(patterns, level, options) };
}

function kappaFigure(choices: AlphaPattern[], options: BootstrapOptions): AgreementSummary["fleissKappa"] {
  const itemsBySize = new Map<number, number>();
  for (const { values, count } of choices) itemsBySize.set(values.length, (itemsBySize.get(values.length) ?? 0) + count);
  const [k, items] = [...itemsBySize].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0] ?? [0, 0];
  if (items < 2) return null;
  const sameK = choices.filter((pattern) => pattern.values.length === k);
  const value = fleissKappaOfPatterns(sameK);
  return { k, items, value, interval: value === null ? null : bootstrapPatterns(sameK, fleissKappaOfPatterns, options) };
}

/**
 * Choices are nominal codes (the preferred response, a tie, both bad); strengths are the signed strengths
 * of pairs, oriented to the responses' order in the item (left out where a judgment gave none).
 */
export function summariseAgreement(choices: AlphaPattern[], strengths: AlphaPattern[], options: BootstrapOptions = {}): AgreementSummary {
  const percent = percentAgreementOfPatterns(choices);
  return {
    items: choices.reduce((sum, pattern) => sum + pattern.count, 0),
    judgments: choices.reduce((sum, pattern) => sum + pattern.count * pattern.values.length, 0),
    percentAgreement: { value: percent, interval: percent === null ? null : bootstrapPatterns(choices, percentAgreementOfPatterns, options) },
    alphaNominal: alphaFigure(choices, "nominal", options),
    alphaOrdinal: alphaFigure(strengths, "ordinal", options),
    alphaInterval: alphaFigure(strengths, "interval", options),
    fleissKappa: kappaFigure(choices, options),
  };
}
