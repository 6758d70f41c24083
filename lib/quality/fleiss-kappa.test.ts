import { describe, expect, it } from "vitest";
import { fleissKappa } from "@/lib/quality/fleiss-kappa";
import { FLEISS_1971_COUNTS } from "@/lib/quality/published-examples";
import { kendallW, midRanks } from "@/lib/quality/kendall-w";

describe("Fleiss' kappa", () => {
  it("gives the published value of the classic example (10 subjects, 14 raters, 5 categories): 0.210", () => {
    const counts = FLEISS_1971_COUNTS;
    expect(fleissKappa(counts)).toBeCloseTo(0.21, 3);
  });

  it("is 1 for unanimous items and undefined when items have different numbers of raters", () => {
    expect(
      fleissKappa([
        [3, 0],
        [0, 3],
        [3, 0],
      ]),
    ).toBe(1);
    expect(
      fleissKappa([
        [2, 0],
        [0, 3],
      ]),
    ).toBeNull();
  });
});

describe("Kendall's W", () => {
  it("is 1 when every rater ranks alike and 0 when two raters are exact opposites", () => {
    expect(
      kendallW([
        [1, 2, 3, 4],
        [1, 2, 3, 4],
        [1, 2, 3, 4],
      ]),
    ).toBe(1);
    expect(
      kendallW([
        [1, 2, 3, 4],
        [4, 3, 2, 1],
      ]),
    ).toBe(0);
  });

  it("matches W = 12S / (m²(n³ - n)) by hand: 3 raters, 3 objects", () => {
    // Sums 4, 5, 9: mean 6, S = 4 + 1 + 9 = 14; W = 12 * 14 / (9 * 24) = 0.7778.
    expect(
      kendallW([
        [1, 2, 3],
        [2, 1, 3],
        [1, 2, 3],
      ]),
    ).toBeCloseTo(168 / 216, 10);
  });

  it("corrects for ties (mid-ranks)", () => {
    const ranks = [midRanks([["a"], ["b", "c"]], ["a", "b", "c"]), midRanks([["a"], ["b"], ["c"]], ["a", "b", "c"])];
    expect(ranks[0]).toEqual([1, 2.5, 2.5]);
    // Sums 2, 4.5, 5.5: mean 4, S = 4 + 0.25 + 2.25 = 6.5; denominator 4 * 24 - 2 * (2³ - 2) = 84.
    expect(kendallW(ranks)).toBeCloseTo((12 * 6.5) / 84, 10);
  });
});
