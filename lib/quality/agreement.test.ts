import { describe, expect, it } from "vitest";
import { agreementWithOthers, bootstrapOverUnits, percentAgreement } from "@/lib/quality/agreement";
import { krippendorffAlpha } from "@/lib/quality/krippendorff";

describe("percent agreement", () => {
  it("counts agreeing pairs within items", () => {
    // Pairs: (a,a) agree; (a,b),(a,b),(b,b)... item 2 has 3 pairs, one agreeing.
    expect(
      percentAgreement([
        ["a", "a"],
        ["a", "b", "b"],
      ]),
    ).toBeCloseTo(2 / 4, 10);
    expect(percentAgreement([["a"], []])).toBeNull();
  });
});

describe("bootstrap over items", () => {
  const units = Array.from({ length: 60 }, (_, i) => (i % 5 === 0 ? [1, 2] : [i % 3, i % 3]));

  it("brackets the statistic, and gives the same interval for the same seed", () => {
    const alpha = krippendorffAlpha(units, "nominal")!;
    const interval = bootstrapOverUnits(units, (sample) => krippendorffAlpha(sample, "nominal"), { rounds: 400, seed: 3 })!;
    expect(interval.lower).toBeLessThan(alpha);
    expect(interval.upper).toBeGreaterThan(alpha);
    expect(bootstrapOverUnits(units, (sample) => krippendorffAlpha(sample, "nominal"), { rounds: 400, seed: 3 })).toEqual(interval);
  });

  it("is undefined without items", () => {
    expect(bootstrapOverUnits([], () => 1)).toBeNull();
  });
});

describe("each worker against the others", () => {
  it("compares a worker's label with the others' majority, a tie among the others counting half", () => {
    const result = agreementWithOthers([
      [
        { worker: "w1", label: "A" },
        { worker: "w2", label: "A" },
        { worker: "w3", label: "B" },
      ],
      [
        { worker: "w1", label: "B" },
        { worker: "w2", label: "A" },
      ],
    ]);
    // w1: item 1 others A,B (tie, A among them: half); item 2 other A (disagree) => 0.5 / 2.
    expect(result.get("w1")).toEqual({ items: 2, agreement: 0.25 });
    // w3: item 1 others A,A: disagree.
    expect(result.get("w3")).toEqual({ items: 1, agreement: 0 });
  });
});
