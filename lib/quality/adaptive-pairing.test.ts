import { describe, expect, it } from "vitest";
import { bootstrapRatings, fitBradleyTerry, type PairCount } from "@/lib/quality/bradley-terry";
import { choosePairToNarrow, narrowingGains } from "@/lib/quality/adaptive-pairing";
import { seededRandom } from "@/lib/quality/random";

describe("adaptive pairing", () => {
  it("takes a model never compared first, then the least known pair", () => {
    const strengths = [1, 1, 1];
    const third = [
      { a: 0, b: 1, battles: 10 },
      { a: 0, b: 2, battles: 0 },
      { a: 1, b: 2, battles: 0 },
    ];
    expect([2]).toContain(choosePairToNarrow(third, strengths).b);
    expect(
      choosePairToNarrow(
        [
          { a: 0, b: 1, battles: 40 },
          { a: 1, b: 2, battles: 5 },
          { a: 0, b: 2, battles: 40 },
        ],
        strengths,
      ),
    ).toEqual({ a: 1, b: 2, battles: 5 });
    // Every gain is positive: one more battle never widens an interval.
    expect(narrowingGains(third, strengths).every((gain) => gain > 0)).toBe(true);
  });

  // A simulated arena with known true strengths, three seeds: at the same number of battles (1,200 over
  // 8 models), adaptive pairing leaves narrower intervals than pairing uniformly at random, on average and
  // for the least known model.
  it("narrows the intervals faster than uniform pairing on a simulated arena", () => {
    const truth = [1, 1.3, 1.7, 2.2, 3, 4, 5.5, 8];
    const widths = (strategy: "adaptive" | "uniform", seed: number) => {
      const random = seededRandom(seed);
      const pairs: PairCount[] = [];
      for (let a = 0; a < truth.length; a++) for (let b = a + 1; b < truth.length; b++) pairs.push({ a, b, winsA: 0, winsB: 0, ties: 0 });
      let strengths: ArrayLike<number> = new Float64Array(truth.length).fill(1);
      for (let battle = 0; battle < 1200; battle++) {
        if (battle % 50 === 0) strengths = fitBradleyTerry(pairs, truth.length);
        const state = pairs.map((pair) => ({ a: pair.a, b: pair.b, battles: pair.winsA + pair.winsB + pair.ties }));
        const chosen = strategy === "adaptive" ? choosePairToNarrow(state, strengths, random) : state[Math.floor(random() * state.length)];
        const pair = pairs.find((candidate) => candidate.a === chosen.a && candidate.b === chosen.b)!;
        if (random() < truth[pair.a] / (truth[pair.a] + truth[pair.b])) pair.winsA++;
        else pair.winsB++;
      }
      return bootstrapRatings(pairs, truth.length, { rounds: 300, seed: 5 }).map((interval) => interval.upper - interval.lower);
    };
    const summary = (strategy: "adaptive" | "uniform") => {
      const runs = [1, 2, 3].map((seed) => widths(strategy, seed));
      return {
        mean: runs.flat().reduce((sum, w) => sum + w, 0) / runs.flat().length,
        widest: runs.reduce((sum, run) => sum + Math.max(...run), 0) / runs.length,
      };
    };
    const [adaptive, uniform] = [summary("adaptive"), summary("uniform")];
    expect(adaptive.mean).toBeLessThan(uniform.mean);
    expect(adaptive.widest).toBeLessThan(uniform.widest);
  });
});
