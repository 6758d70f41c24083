import { describe, expect, it } from "vitest";
import { fromGroups, initialOrder, moveBy, placeAt, ranksOf, toGroups, toggleTie } from "@/lib/ranking-order";

describe("ranking order", () => {
  const start = initialOrder(["A", "B", "C", "D"]);

  it("starts in display order, one label a rank", () => {
    expect(toGroups(start)).toEqual([["A"], ["B"], ["C"], ["D"]]);
  });

  it("places a label at a rank and shifts the others", () => {
    expect(toGroups(placeAt(start, "D", 1))).toEqual([["D"], ["A"], ["B"], ["C"]]);
    expect(toGroups(placeAt(start, "A", 3))).toEqual([["B"], ["C"], ["A"], ["D"]]);
    expect(toGroups(placeAt(start, "B", 9))).toEqual([["A"], ["C"], ["D"], ["B"]]);
  });

  it("moves a label up and down, and not past the ends", () => {
    expect(toGroups(moveBy(start, "C", -1))).toEqual([["A"], ["C"], ["B"], ["D"]]);
    expect(toGroups(moveBy(start, "C", 1))).toEqual([["A"], ["B"], ["D"], ["C"]]);
    expect(moveBy(start, "A", -1)).toBe(start);
    expect(moveBy(start, "D", 1)).toBe(start);
  });

  it("ties a label with the one above, unties it, and shares the rank", () => {
    const tied = toggleTie(toggleTie(start, "C"), "D");
    expect(toGroups(tied)).toEqual([["A"], ["B", "C", "D"]]);
    expect(ranksOf(tied)).toEqual({ A: 1, B: 2, C: 2, D: 2 });
    expect(toGroups(toggleTie(tied, "C"))).toEqual([["A"], ["B"], ["C", "D"]]);
    expect(toggleTie(start, "A")).toBe(start);
  });

  it("breaks a tie when a tied label moves", () => {
    const tied = toggleTie(start, "B");
    expect(toGroups(moveBy(tied, "B", 1))).toEqual([["A"], ["C"], ["B"], ["D"]]);
    expect(toGroups(placeAt(tied, "B", 4))).toEqual([["A"], ["C"], ["D"], ["B"]]);
  });

  it("round-trips through groups", () => {
    const groups = [["C"], ["A", "B"], ["D"]];
    expect(toGroups(fromGroups(groups))).toEqual(groups);
  });
});
