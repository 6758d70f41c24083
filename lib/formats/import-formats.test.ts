import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { detectImportFormat, parseImportRecord } from "@/lib/formats/import-formats";
import { readJsonlLines } from "@/lib/formats/jsonl-lines";

describe("parseImportRecord (preflab)", () => {
  it("reads messages, responses with extra fields and meta", () => {
    const result = parseImportRecord("preflab", {
      id: 7,
      messages: [{ role: "user", content: "Hi" }],
      responses: [
        { text: "A", model: "m1", temperature: 0.7 },
        { text: "B", rank: 1 },
      ],
      meta: { topic: "x" },
    });
    expect(result).toEqual({
      item: {
        externalId: "7",
        context: [{ role: "user", content: "Hi" }],
        candidates: [
          { text: "A", model: "m1", referenceRank: null, meta: { temperature: 0.7 } },
          { text: "B", model: null, referenceRank: 1, meta: {} },
        ],
        meta: { topic: "x" },
      },
    });
  });

  it("turns a prompt into one user message", () => {
    const result = parseImportRecord("preflab", { prompt: "Hi", responses: [{ text: "a" }, { text: "b" }] });
    expect("item" in result && result.item.context).toEqual([{ role: "user", content: "Hi" }]);
  });

  it("names every bad field", () => {
    const result = parseImportRecord("preflab", { messages: [{ role: "bot", content: "x" }], responses: [{ text: 1 }] });
    expect("errors" in result && result.errors.map((e) => e.field)).toEqual(["messages[0].role", "responses[0].text", "responses"]);
  });

  it("names an unknown top-level field rather than drop it, with the field it most likely meant", () => {
    const result = parseImportRecord("preflab", { prompt: "Q", Responses: [], responses: [{ text: "a" }, { text: "b" }], split: "train" });
    expect("errors" in result && result.errors).toEqual([
      { field: "Responses", message: "unknown field; did you mean responses?" },
      { field: "split", message: 'unknown field; keep other data under "meta"' },
    ]);
  });

  it("refuses both or neither of messages and prompt, and too many responses", () => {
    const responses = Array.from({ length: 10 }, () => ({ text: "x" }));
    const result = parseImportRecord("preflab", { responses });
    expect("errors" in result && result.errors.map((e) => e.message)).toEqual([
      "allows at most 9 responses",
      'give either "messages" or "prompt", not both or neither',
    ]);
  });
});

describe("parseImportRecord (hh-rlhf)", () => {
  it("stores the chosen response first with reference rank 1", () => {
    const result = parseImportRecord("hh-rlhf", { chosen: "\n\nHuman: Q\n\nAssistant: good", rejected: "\n\nHuman: Q\n\nAssistant: bad" });
    expect("item" in result && result.item.candidates.map((c) => [c.text, c.referenceRank])).toEqual([
      ["good", 1],
      ["bad", 2],
    ]);
  });

  it("reports a missing field and an unsplittable pair", () => {
    expect(parseImportRecord("hh-rlhf", { chosen: "x" })).toEqual({ errors: [{ field: "rejected", message: "expected a string" }] });
    const unsplittable = parseImportRecord("hh-rlhf", { chosen: "a", rejected: "b" });
    expect("errors" in unsplittable && unsplittable.errors[0].field).toBe("chosen");
  });

  it("refuses a line that is not an object", () => {
    expect(parseImportRecord("hh-rlhf", [1, 2])).toEqual({ errors: [{ message: "expected a JSON object" }] });
  });
});

describe("detectImportFormat", () => {
  it("tells the formats apart", () => {
    expect(detectImportFormat({ chosen: "", rejected: "" })).toBe("hh-rlhf");
    expect(detectImportFormat({ prompt: "", responses: [] })).toBe("preflab");
    expect(detectImportFormat({ foo: 1 })).toBeNull();
  });
});

describe("readJsonlLines", () => {
  it("numbers lines from 1, skips blank ones and reports bad JSON", async () => {
    const input = Readable.from([Buffer.from('\uFEFF{"a":1}\n\n{bad\n{"b":'), Buffer.from("2}\r\n")]);
    const lines = [];
    for await (const line of readJsonlLines(input)) lines.push(line);
    expect(lines[0]).toEqual({ line: 1, value: { a: 1 } });
    expect(lines[1]).toMatchObject({ line: 3, error: expect.stringContaining("not valid JSON") });
    expect(lines[2]).toEqual({ line: 4, value: { b: 2 } });
  });

  it("keeps multi-byte characters split across chunks", async () => {
    const bytes = Buffer.from('{"t":"é’"}\n');
    const input = Readable.from([bytes.subarray(0, 7), bytes.subarray(7)]);
    for await (const line of readJsonlLines(input)) expect(line).toEqual({ line: 1, value: { t: "é’" } });
  });
});
