import { describe, expect, it } from "vitest";
import { hasUsableReference, referenceNeededMessage, storedRole } from "@/lib/formats/reference-preference";

describe("a usable reference preference", () => {
  it("is a rank on every response with exactly one best", () => {
    expect(hasUsableReference([1, 2])).toBe(true);
    expect(hasUsableReference([2, 1, 3])).toBe(true);
    expect(hasUsableReference([2, 1, 2])).toBe(true);
  });

  it("is not a partial ranking, a tie for best, or no ranking", () => {
    expect(hasUsableReference([1, null])).toBe(false);
    expect(hasUsableReference([null, null])).toBe(false);
    expect(hasUsableReference([1, 1])).toBe(false);
    expect(hasUsableReference([2, 3])).toBe(false);
    expect(hasUsableReference([1])).toBe(false);
  });

  it("names the role in its refusal and maps roles to the stored enum", () => {
    expect(referenceNeededMessage("gold")).toBe("a gold item needs a reference preference: a rank on every response and exactly one best");
    expect(referenceNeededMessage("attention")).toMatch(/^an attention-check item needs/);
    expect(storedRole("practice")).toBe("PRACTICE");
  });
});
