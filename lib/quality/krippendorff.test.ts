import { describe, expect, it } from "vitest";
import { KRIPPENDORFF_2011_UNITS } from "@/lib/quality/published-examples";
import { alphaOfPatterns, bootstrapAlpha, krippendorffAlpha, unitPatterns, type AlphaUnit } from "@/lib/quality/krippendorff";

const UNITS: AlphaUnit[] = KRIPPENDORFF_2011_UNITS;

describe("Krippendorff's alpha", () => {
  it("gives the published values of Krippendorff's example at each level", () => {
    expect(krippendorffAlpha(UNITS, "nominal")).toBeCloseTo(0.743, 3);
    expect(krippendorffAlpha(UNITS, "ordinal")).toBeCloseTo(0.815, 3);
    expect(krippendorffAlpha(UNITS, "interval")).toBeCloseTo(0.849, 3);
  });

  it("is 1 for perfect agreement and ignores units with a single value", () => {
    expect(krippendorffAlpha([[1, 1], [2, 2, 2], [3, 3], [5]], "nominal")).toBe(1);
  });

  it("counts pairs as the coincidence matrix does, and is undefined without variation or pairs", () => {
    const chance = [
      [1, 2],
      [2, 1],
      [1, 1],
      [2, 2],
    ];
    // o(1,2) = o(2,1) = 2, n1 = n2 = 4, n = 8: alpha = 1 - (8 - 1) * 4 / (4 * 4 * 2) = 0.125.
    expect(krippendorffAlpha(chance, "nominal")).toBeCloseTo(0.125, 10);
    expect(
      krippendorffAlpha(
        [
          [1, 1],
          [1, 1],
        ],
        "nominal",
      ),
    ).toBeNull();
    expect(krippendorffAlpha([[1], [2]], "interval")).toBeNull();
  });

  it("does not depend on the order of units or of the values in a unit", () => {
    const shuffled = UNITS.slice()
      .reverse()
      .map((unit) => unit.slice().reverse());
    for (const level of ["nominal", "ordinal", "interval"] as const)
      expect(krippendorffAlpha(shuffled, level)).toBeCloseTo(krippendorffAlpha(UNITS, level)!, 12);
  });

  it("gives the published values of the paper's two-observer examples (binary 0.095, nominal 0.692)", () => {
    const pairs = (a: number[], b: number[]) => a.map((value, unit) => [value, b[unit]]);
    expect(krippendorffAlpha(pairs([0, 1, 0, 0, 0, 0, 0, 0, 1, 0], [1, 1, 1, 0, 0, 1, 0, 0, 0, 0]), "nominal")).toBeCloseTo(0.095, 3);
    // Categories a-e as 1-5.
    expect(krippendorffAlpha(pairs([1, 1, 2, 2, 4, 3, 3, 3, 5, 4, 4, 1], [2, 1, 2, 2, 2, 3, 3, 3, 5, 4, 4, 4]), "nominal")).toBeCloseTo(0.692, 3);
  });

  it("gives the same alpha from patterns, and a bootstrap interval over units that brackets it", () => {
    const patterns = unitPatterns(UNITS);
    for (const level of ["nominal", "ordinal", "interval"] as const) expect(alphaOfPatterns(patterns, level)).toBeCloseTo(krippendorffAlpha(UNITS, level)!, 12);
    const many = Array.from({ length: 50 }, () => UNITS).flat();
    const interval = bootstrapAlpha(unitPatterns(many), "interval", { rounds: 500, seed: 2 })!;
    expect(interval.lower).toBeLessThan(0.849);
    expect(interval.upper).toBeGreaterThan(0.849);
    expect(interval.upper - interval.lower).toBeLessThan(0.2);
  });
});
