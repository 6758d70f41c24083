import { describe, expect, it } from "vitest";
import { toJsonLine } from "@/lib/formats/json-line";

describe("toJsonLine", () => {
  it("escapes control characters and quotes like json.dumps, keeps other characters", () => {
    expect(toJsonLine({ a: 'q"\t\u0001é', b: [1, { c: null }] })).toBe('{"a": "q\\"\\t\\u0001é", "b": [1, {"c": null}]}\n');
  });

  it("keeps keys in insertion order and leaves undefined out", () => {
    expect(toJsonLine({ z: 1, a: undefined, m: "x" })).toBe('{"z": 1, "m": "x"}\n');
  });
});
