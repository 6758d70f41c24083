// Agreement among the judgments of the same items: percent agreement, a bootstrap interval over items for
// any statistic, and each worker against the consensus of the others (leave one out).
import { quantile, seededRandom } from "@/lib/quality/random";

/** The share of agreeing pairs among all pairs of judgments made on the same item. Null without pairs. */
export function percentAgreement(units: (string | number)[][]): number | null {
  let pairs = 0;
  let agreeing = 0;
  for (const unit of units) {
    for (let i = 0; i < unit.length; i++) {
      for (let j = i + 1; j < unit.length; j++) {
        pairs++;
        if (unit[i] === unit[j]) agreeing++;
      }
    }
  }
  return pairs === 0 ? null : agreeing / pairs;
}

/**
 * A percentile bootstrap interval over items: each round draws as many items as there are, with
 * replacement, and recomputes the statistic; rounds where it is undefined are left out.
 */
export function bootstrapOverUnits<U>(
  units: U[],
  statistic: (units: U[]) => number | null,
  { rounds = 1000, seed = 1, confidence = 0.95 } = {},
): { lower: number; upper: number } | null {
  if (units.length === 0) return null;
  const random = seededRandom(seed);
  const values: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const sample = Array.from({ length: units.length }, () => units[Math.floor(random() * units.length)]);
    const value = statistic(sample);
    if (value !== null && Number.isFinite(value)) values.push(value);
  }
  if (values.length === 0) return null;
  values.sort((a, b) => a - b);
  const tail = (1 - confidence) / 2;
  return { lower: quantile(values, tail), upper: quantile(values, 1 - tail) };
}

export type WorkerLabel = { worker: string; label: string | number };

/**
 * Each worker against the consensus of the others: on every item they judged with at least one other
 * worker, does their label equal the most common label among the others' (ties in the others' vote count
 * as half)? Returns per worker the items compared and the share agreeing.
 */
export function agreementWithOthers(units: WorkerLabel[][]): Map<string, { items: number; agreement: number }> {
  const tally = new Map<string, { items: number; agreeing: number }>();
  for (const unit of units) {
    for (const judgment of unit) {
      const others = unit.filter((other) => other !== judgment);
      if (others.length === 0) continue;
      const counts = new Map<string | number, number>();
      for (const other of others) counts.set(other.label, (counts.get(other.label) ?? 0) + 1);
      const most = Math.max(...counts.values());
      const leaders = [...counts.entries()].filter(([, count]) => count === most).map(([label]) => label);
      const entry = tally.get(judgment.worker) ?? { items: 0, agreeing: 0 };
      entry.items++;
      if (leaders.includes(judgment.label)) entry.agreeing += 1 / leaders.length;
      tally.set(judgment.worker, entry);
    }
  }
  return new Map([...tally].map(([worker, { items, agreeing }]) => [worker, { items, agreement: agreeing / items }]));
}
