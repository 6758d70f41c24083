import { describe, expect, it } from "vitest";
import { bootstrapRatings, eloRatings, fitBradleyTerry, type PairCount } from "@/lib/quality/bradley-terry";

/**
 * An independent reference: the same likelihood as a logistic regression on log-strengths, maximised by
 * Newton's method with the first model held at 0, solved by Gaussian elimination. A different algorithm
 * from the MM iteration under test, so agreeing to 1e-6 says both found the maximum.
 */
function newtonReference(pairs: PairCount[], models: number, prior: number): number[] {
  const theta = new Array<number>(models).fill(0);
  for (let step = 0; step < 100; step++) {
    const gradient = new Array<number>(models).fill(0);
    const hessian = Array.from({ length: models }, () => new Array<number>(models).fill(0));
    for (const pair of pairs) {
      const games = pair.winsA + pair.winsB + pair.ties + prior;
      const winA = pair.winsA + (pair.ties + prior) / 2;
      const pa = 1 / (1 + Math.exp(theta[pair.b] - theta[pair.a]));
      gradient[pair.a] += winA - games * pa;
      gradient[pair.b] -= winA - games * pa;
      const curvature = games * pa * (1 - pa);
      hessian[pair.a][pair.a] -= curvature;
      hessian[pair.b][pair.b] -= curvature;
      hessian[pair.a][pair.b] += curvature;
      hessian[pair.b][pair.a] += curvature;
    }
    const delta = solve(
      hessian.slice(1).map((row) => row.slice(1)),
      gradient.slice(1).map((g) => -g),
    );
    delta.forEach((d, i) => (theta[i + 1] += d));
    if (Math.max(...delta.map(Math.abs)) < 1e-13) break;
  }
  const mean = theta.reduce((sum, x) => sum + x, 0) / models;
  return theta.map((x) => 1000 + (400 * (x - mean)) / Math.LN10);
}

function solve(matrix: number[][], vector: number[]): number[] {
  const n = vector.length;
  const a = matrix.map((row, i) => [...row, vector[i]]);
  for (let col = 0; col < n; col++) {
    const pivot = a.slice(col).reduce((best, row, i) => (Math.abs(row[col]) > Math.abs(a[best][col]) ? col + i : best), col);
    [a[col], a[pivot]] = [a[pivot], a[col]];
    for (let row = 0; row < n; row++) {
      if (row === col) continue;
      const factor = a[row][col] / a[col][col];
      for (let k = col; k <= n; k++) a[row][k] -= factor * a[col][k];
    }
  }
  return a.map((row, i) => row[n] / row[i]);
}

const FIXTURE: PairCount[] = [
  { a: 0, b: 1, winsA: 30, winsB: 12, ties: 5 },
  { a: 0, b: 2, winsA: 22, winsB: 20, ties: 8 },
  { a: 1, b: 2, winsA: 9, winsB: 25, ties: 3 },
  { a: 0, b: 3, winsA: 40, winsB: 2, ties: 1 },
  { a: 2, b: 3, winsA: 15, winsB: 0, ties: 0 },
];

describe("Bradley-Terry", () => {
  it("gives the closed form for two models: 3 wins in 4 is 400·log10(3) Elo apart around 1000", () => {
    const ratings = eloRatings(fitBradleyTerry([{ a: 0, b: 1, winsA: 3, winsB: 1, ties: 0 }], 2, { prior: 0 }));
    expect(ratings[0] - ratings[1]).toBeCloseTo(400 * Math.log10(3), 8);
    expect((ratings[0] + ratings[1]) / 2).toBeCloseTo(1000, 8);
  });

  it("agrees with an independent Newton fit of the same likelihood on a fixed fixture, ties as half wins", () => {
    const ratings = eloRatings(fitBradleyTerry(FIXTURE, 4));
    const reference = newtonReference(FIXTURE, 4, 0.01);
    ratings.forEach((rating, i) => expect(rating).toBeCloseTo(reference[i], 6));
  });

  it("keeps a model that never won finite, and last", () => {
    const ratings = eloRatings(fitBradleyTerry(FIXTURE, 4));
    expect(Number.isFinite(ratings[3])).toBe(true);
    expect(Math.min(...ratings)).toBe(ratings[3]);
  });

  it("gives bootstrap intervals that hold the point estimate, the same for the same seed, and narrow with more battles", () => {
    const point = eloRatings(fitBradleyTerry(FIXTURE, 4));
    const intervals = bootstrapRatings(FIXTURE, 4, { rounds: 300, seed: 7 });
    intervals.forEach((interval, i) => {
      expect(interval.lower).toBeLessThanOrEqual(point[i]);
      expect(interval.upper).toBeGreaterThanOrEqual(point[i]);
    });
    expect(bootstrapRatings(FIXTURE, 4, { rounds: 300, seed: 7 })).toEqual(intervals);
    const tenfold = FIXTURE.map((pair) => ({ ...pair, winsA: pair.winsA * 10, winsB: pair.winsB * 10, ties: pair.ties * 10 }));
    const narrower = bootstrapRatings(tenfold, 4, { rounds: 300, seed: 7 });
    expect(narrower[0].upper - narrower[0].lower).toBeLessThan(intervals[0].upper - intervals[0].lower);
  });
});
