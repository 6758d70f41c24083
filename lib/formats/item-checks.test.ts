import { describe, expect, it } from "vitest";
import type { ItemInput } from "@/lib/formats/item";
import { inspectJson, itemProblems, itemSize } from "@/lib/formats/item-checks";

function item(overrides: Partial<ItemInput> = {}): ItemInput {
  return {
    externalId: "q1",
    context: [{ role: "user", content: "Q" }],
    candidates: [
      { text: "a", model: "m", meta: {}, referenceRank: null },
      { text: "b", model: null, meta: {}, referenceRank: null },
    ],
    meta: {},
    ...overrides,
  };
}

function nested(depth: number): unknown {
  let value: unknown = "leaf";
  for (let i = 0; i < depth; i++) value = [value];
  return value;
}

describe("itemProblems", () => {
  it("passes a plain item", () => {
    expect(itemProblems(item(), { pairwise: true })).toEqual([]);
  });

  it("names every field holding a NUL, metadata keys and values included", () => {
    const withNul = item({
      externalId: "q\u0000",
      context: [{ role: "user", content: "Q\u0000" }],
      candidates: [
        { text: "a\u0000", model: "m\u0000", meta: { "k\u0000": 1 }, referenceRank: null },
        { text: "b", model: null, meta: { notes: ["x\u0000"] }, referenceRank: null },
      ],
      meta: { source: { name: "\u0000" } },
    });
    expect(itemProblems(withNul, { pairwise: true }).map((p) => p.field)).toEqual([
      "id",
      "messages[0].content",
      "responses[0].text",
      "responses[0].model",
      "responses[0]",
      "responses[1]",
      "meta",
    ]);
  });

  it("refuses metadata nested too deep to serialise, without overflowing the stack itself", () => {
    expect(itemProblems(item({ meta: { deep: nested(1_000_000) } }), { pairwise: false })).toEqual([
      { field: "meta", message: "is nested deeper than 64 levels" },
    ]);
    expect(itemProblems(item({ meta: { fine: nested(20) } }), { pairwise: false })).toEqual([]);
  });

  it("holds a pairwise project to two responses", () => {
    const three = item({ candidates: [...item().candidates, { text: "c", model: null, meta: {}, referenceRank: null }] });
    expect(itemProblems(three, { pairwise: true })).toEqual([{ field: "responses", message: "this project compares pairs: expected 2 responses, got 3" }]);
    expect(itemProblems(three, { pairwise: false })).toEqual([]);
  });
});

describe("itemSize and inspectJson", () => {
  it("count the characters of texts and metadata", () => {
    expect(itemSize(item({ meta: { ab: "cde" } }))).toBe(1 + 1 + 1 + 5);
    expect(inspectJson({ a: [1, "xy"] })).toEqual({ nul: false, tooDeep: false, chars: 1 + 8 + 2 });
  });
});
