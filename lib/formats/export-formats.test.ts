import { describe, expect, it } from "vitest";
import { encodePairRecord } from "@/lib/formats/export-formats";
import { toJsonLine } from "@/lib/formats/json-line";
import { preferencePairs } from "@/lib/formats/preference-pairs";

const context = [
  { role: "user" as const, content: "Hi" },
  { role: "assistant" as const, content: "Hello, how can I help?" },
  { role: "user" as const, content: "Name a colour ’please’" },
];

describe("encodePairRecord", () => {
  it("writes HH-RLHF transcripts in json.dumps layout, empty responses as \"Assistant: \"", () => {
    const line = encodePairRecord("hh-rlhf", { context, chosen: "Blue.", rejected: "" });
    expect(line).toBe(
      '{"chosen": "\\n\\nHuman: Hi\\n\\nAssistant: Hello, how can I help?\\n\\nHuman: Name a colour ’please’\\n\\nAssistant: Blue.", ' +
        '"rejected": "\\n\\nHuman: Hi\\n\\nAssistant: Hello, how can I help?\\n\\nHuman: Name a colour ’please’\\n\\nAssistant: "}\n',
    );
  });

  it("writes TRL standard records whose prompt + chosen is the transcript", () => {
    const record = JSON.parse(encodePairRecord("trl", { context, chosen: "Blue.", rejected: "Red." }));
    expect(Object.keys(record)).toEqual(["prompt", "chosen", "rejected"]);
    expect(record.prompt.endsWith("\n\nAssistant:")).toBe(true);
    expect(record.chosen).toBe(" Blue.");
    expect(record.rejected).toBe(" Red.");
    expect(record.prompt + record.chosen).toBe(JSON.parse(encodePairRecord("hh-rlhf", { context, chosen: "Blue.", rejected: "x" })).chosen);
  });
});

describe("toJsonLine", () => {
  it("escapes control characters and quotes like json.dumps, keeps other characters", () => {
    expect(toJsonLine({ a: 'q"\t\u0001é', b: [1, { c: null }] })).toBe('{"a": "q\\"\\t\\u0001é", "b": [1, {"c": null}]}\n');
  });
});

describe("preferencePairs", () => {
  it("gives the winner as chosen, or the loser for red-team polarity", () => {
    expect(preferencePairs({ ranking: [["a"], ["b"]], invert: false })).toEqual([{ chosenId: "a", rejectedId: "b" }]);
    expect(preferencePairs({ ranking: [["a"], ["b"]], invert: true })).toEqual([{ chosenId: "b", rejectedId: "a" }]);
  });

  it("expands a ranking into ordered pairs and leaves ties out", () => {
    const pairs = preferencePairs({ ranking: [["a"], ["b", "c"], ["d"]], invert: false });
    expect(pairs).toEqual([
      { chosenId: "a", rejectedId: "b" },
      { chosenId: "a", rejectedId: "c" },
      { chosenId: "a", rejectedId: "d" },
      { chosenId: "b", rejectedId: "d" },
      { chosenId: "c", rejectedId: "d" },
    ]);
  });
});
