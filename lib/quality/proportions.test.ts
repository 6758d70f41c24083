import { describe, expect, it } from "vitest";
import { binomialTestHalf, wilsonInterval } from "@/lib/quality/proportions";

describe("Wilson interval", () => {
  it("gives the textbook value: 81 of 263 is 0.2553 to 0.3662 (Wilson 1927 as in Newcombe 1998)", () => {
    const interval = wilsonInterval(81, 263)!;
    expect(interval.lower).toBeCloseTo(0.2553, 4);
    expect(interval.upper).toBeCloseTo(0.3662, 4);
  });

  it("stays inside [0, 1] at the edges, and is undefined without trials", () => {
    expect(wilsonInterval(0, 10)!.lower).toBe(0);
    expect(wilsonInterval(10, 10)!.upper).toBe(1);
    expect(wilsonInterval(0, 0)).toBeNull();
  });
});

describe("binomial test against one half", () => {
  it("gives exact values: 9 of 10 is p = 0.02148, 5 of 10 is 1", () => {
    expect(binomialTestHalf(9, 10)).toBeCloseTo(22 / 1024, 10);
    expect(binomialTestHalf(1, 10)).toBeCloseTo(22 / 1024, 10);
    expect(binomialTestHalf(5, 10)).toBe(1);
  });

  it("stays accurate for large n (Stirling): 5,100 of 10,000 is about p = 0.0466", () => {
    expect(binomialTestHalf(5100, 10_000)).toBeCloseTo(0.0466, 3);
  });
});
