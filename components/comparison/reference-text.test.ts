import { describe, expect, it } from "vitest";
import { referenceText } from "@/components/comparison/reference-text";

describe("referenceText", () => {
  it("names the better of a pair, and the order of a ranking with its ties", () => {
    expect(referenceText([["B"], ["A"]])).toBe("The reference prefers B.");
    expect(referenceText([["C"], ["A"], ["B"]])).toBe("The reference ranks them C, then A, then B (best first).");
    expect(referenceText([["C"], ["A", "B"]])).toBe("The reference ranks them C, then A and B (best first).");
    expect(referenceText([])).toBe("The reference gives no preference.");
  });
});
