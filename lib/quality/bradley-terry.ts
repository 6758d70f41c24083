// Bradley-Terry ratings by maximum likelihood on win counts (the Chatbot Arena method): ties and "both
// bad" count as half a win for each side. Fitted with Hunter's (2004) MM iteration, which converges to the
// maximum likelihood from any start. A small prior of virtual ties between every pair that met keeps a
// model that never won (or never lost) finite; it is negligible beside real counts.
import { multinomial, quantile, seededRandom } from "@/lib/quality/random";

/** Battles between two models: how often each won, and how often they tied (or were both bad). */
export type PairCount = { a: number; b: number; winsA: number; winsB: number; ties: number };

export type FitOptions = { prior?: number; tolerance?: number; maxIterations?: number; start?: Float64Array };

export const ELO_BASE = 1000;
export const ELO_SCALE = 400;

/** Strengths p (geometric mean 1) of `models` models, indexed as in the pair counts. */
export function fitBradleyTerry(
  pairs: PairCount[],
  models: number,
  { prior = 0.01, tolerance = 1e-10, maxIterations = 10_000, start }: FitOptions = {},
): Float64Array {
  const wins = new Float64Array(models);
  for (const pair of pairs) {
    wins[pair.a] += pair.winsA + (pair.ties + prior) / 2;
    wins[pair.b] += pair.winsB + (pair.ties + prior) / 2;
  }
  let p: Float64Array = start ? Float64Array.from(start) : new Float64Array(models).fill(1);
  for (let iteration = 0; iteration < maxIterations; iteration++) {
    const denominator = new Float64Array(models);
    for (const pair of pairs) {
      const games = pair.winsA + pair.winsB + pair.ties + prior;
      const share = games / (p[pair.a] + p[pair.b]);
      denominator[pair.a] += share;
      denominator[pair.b] += share;
    }
    const next = normalised(p.map((_, i) => (denominator[i] > 0 ? wins[i] / denominator[i] : p[i])));
    const change = next.reduce((most, value, i) => Math.max(most, Math.abs(Math.log(value / p[i]))), 0);
    p = next;
    if (change < tolerance) break;
  }
  return p;
}

function normalised(p: Float64Array): Float64Array {
  const meanLog = p.reduce((sum, x) => sum + Math.log(x), 0) / p.length;
  return p.map((x) => x / Math.exp(meanLog));
}

/** Elo scale: 400 points per factor of 10 in the odds, 1000 for the geometric mean. */
export function eloRatings(p: Float64Array): number[] {
  return Array.from(p, (x) => ELO_BASE + ELO_SCALE * Math.log10(x));
}

/**
 * 95% intervals by bootstrap over battles: each round resamples as many battles as there were (a
 * multinomial draw over the pair-outcome counts, the same as drawing battles one by one) and refits
 * from the point fit, to 1e-5 in log-strength (under 0.002 Elo points: far inside any interval).
 */
export function bootstrapRatings(pairs: PairCount[], models: number, { rounds = 1000, seed = 1, confidence = 0.95 } = {}) {
  const random = seededRandom(seed);
  const cells = pairs.flatMap((pair) => [pair.winsA, pair.winsB, pair.ties]);
  const total = cells.reduce((sum, x) => sum + x, 0);
  const point = fitBradleyTerry(pairs, models);
  const samples: number[][] = Array.from({ length: models }, () => []);
  for (let round = 0; round < rounds; round++) {
    const drawn = multinomial(total, cells, random);
    const resampled = pairs.map((pair, i) => ({ ...pair, winsA: drawn[3 * i], winsB: drawn[3 * i + 1], ties: drawn[3 * i + 2] }));
    eloRatings(fitBradleyTerry(resampled, models, { start: point, tolerance: 1e-5 })).forEach((rating, i) => samples[i].push(rating));
  }
  const tail = (1 - confidence) / 2;
  return samples.map((values) => {
    const sorted = values.sort((x, y) => x - y);
    return { lower: quantile(sorted, tail), upper: quantile(sorted, 1 - tail) };
  });
}
