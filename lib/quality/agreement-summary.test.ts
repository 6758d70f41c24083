import { describe, expect, it } from "vitest";
import { percentAgreement } from "@/lib/quality/agreement";
import { bootstrapPatterns, fleissKappaOfPatterns, percentAgreementOfPatterns, summariseAgreement } from "@/lib/quality/agreement-summary";
import { unitPatterns, type AlphaUnit } from "@/lib/quality/krippendorff";
import { FLEISS_1971_COUNTS, KRIPPENDORFF_2011_UNITS } from "@/lib/quality/published-examples";

// Fleiss (1971)'s example as units: each subject's 14 ratings.
const FLEISS_UNITS: AlphaUnit[] = FLEISS_1971_COUNTS.map((row) => row.flatMap((times, category) => Array<number>(times).fill(category + 1)));

const KRIPPENDORFF_UNITS = KRIPPENDORFF_2011_UNITS;

describe("agreement from unit patterns", () => {
  it("gives Fleiss' published kappa when each subject is its own pattern and when alike subjects are grouped", () => {
    expect(fleissKappaOfPatterns(unitPatterns(FLEISS_UNITS))).toBeCloseTo(0.21, 3);
    const doubled = unitPatterns([...FLEISS_UNITS, ...FLEISS_UNITS]);
    expect(doubled.every((pattern) => pattern.count === 2)).toBe(true);
    expect(fleissKappaOfPatterns(doubled)).toBeCloseTo(0.21, 3);
  });

  it("refuses Fleiss' kappa when items have different numbers of judgments", () => {
    expect(
      fleissKappaOfPatterns(
        unitPatterns([
          [1, 1],
          [1, 2, 2],
        ]),
      ),
    ).toBeNull();
  });

  it("counts percent agreement over pairs of judgments as the item-by-item definition does", () => {
    const units = [
      [1, 1, 2],
      [2, 2],
      [1, 2],
      [1, 1, 2],
      [3, 3, 3, 3],
    ];
    expect(percentAgreementOfPatterns(unitPatterns(units))).toBeCloseTo(percentAgreement(units)!, 12);
    expect(percentAgreementOfPatterns([])).toBeNull();
  });

  it("summarises Krippendorff's example with his published alphas and intervals around them", () => {
    const patterns = unitPatterns(KRIPPENDORFF_UNITS);
    const summary = summariseAgreement(patterns, patterns, { rounds: 200 });
    expect(summary.items).toBe(11);
    expect(summary.judgments).toBe(40);
    expect(summary.alphaNominal.value).toBeCloseTo(0.743, 3);
    expect(summary.alphaOrdinal.value).toBeCloseTo(0.815, 3);
    expect(summary.alphaInterval.value).toBeCloseTo(0.849, 3);
    for (const figure of [summary.percentAgreement, summary.alphaNominal, summary.alphaOrdinal, summary.alphaInterval]) {
      expect(figure.interval!.lower).toBeLessThanOrEqual(figure.value!);
      expect(figure.interval!.upper).toBeGreaterThanOrEqual(figure.value!);
      expect(figure.interval!.upper).toBeGreaterThan(figure.interval!.lower);
    }
    // Most items have 4 judgments: kappa is taken over those 8.
    expect(summary.fleissKappa).toMatchObject({ k: 4, items: 8 });
  });

  it("draws the same bootstrap interval from the same seed, and none from no items", () => {
    const patterns = unitPatterns(FLEISS_UNITS);
    const once = bootstrapPatterns(patterns, percentAgreementOfPatterns, { rounds: 100, seed: 7 });
    expect(bootstrapPatterns(patterns, percentAgreementOfPatterns, { rounds: 100, seed: 7 })).toEqual(once);
    expect(bootstrapPatterns([], percentAgreementOfPatterns)).toBeNull();
  });
});
