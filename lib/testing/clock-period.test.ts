import { describe, expect, it } from "vitest";
import { msLeftInPeriod } from "@/lib/testing/clock-period";

describe("msLeftInPeriod", () => {
  it("counts to the next UTC hour and day", () => {
    const now = Date.parse("2026-11-27T23:59:30.000Z");
    expect(msLeftInPeriod("hour", now)).toBe(30_000);
    expect(msLeftInPeriod("day", now)).toBe(30_000);
    expect(msLeftInPeriod("hour", Date.parse("2026-11-27T08:15:00.000Z"))).toBe(45 * 60_000);
    expect(msLeftInPeriod("day", Date.parse("2026-11-27T12:00:00.000Z"))).toBe(12 * 3_600_000);
  });

  it("gives a whole period at its first instant", () => {
    expect(msLeftInPeriod("hour", Date.parse("2026-11-27T09:00:00.000Z"))).toBe(3_600_000);
  });
});
