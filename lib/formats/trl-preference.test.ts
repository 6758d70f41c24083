import { describe, expect, it } from "vitest";
import { detectImportFormat, parseImportRecord } from "@/lib/formats/import-formats";

function pair(result: ReturnType<typeof parseImportRecord>) {
  if (!("item" in result)) throw new Error(JSON.stringify(result.errors));
  return { context: result.item.context, texts: result.item.candidates.map((c) => [c.text, c.referenceRank]), meta: result.item.meta };
}

describe("TRL preference records", () => {
  it("reads the standard explicit-prompt form, chosen ranked 1, with its margin in meta", () => {
    expect(pair(parseImportRecord("trl", { prompt: "The sky is", chosen: " blue.", rejected: " green.", margin: 1.5 }))).toEqual({
      context: [{ role: "user", content: "The sky is" }],
      texts: [
        [" blue.", 1],
        [" green.", 2],
      ],
      meta: { margin: 1.5 },
    });
  });

  it("reads the conversational explicit-prompt form", () => {
    const record = {
      prompt: [
        { role: "system", content: "Be brief." },
        { role: "user", content: "Sky colour?" },
      ],
      chosen: [{ role: "assistant", content: "Blue." }],
      rejected: [{ role: "assistant", content: "Green." }],
    };
    expect(pair(parseImportRecord("trl", record))).toEqual({
      context: record.prompt,
      texts: [
        ["Blue.", 1],
        ["Green.", 2],
      ],
      meta: {},
    });
  });

  it("splits implicit conversational records at the longest common message prefix", () => {
    const user = { role: "user", content: "Sky colour?" };
    const record = { chosen: [user, { role: "assistant", content: "Blue." }], rejected: [user, { role: "assistant", content: "Green." }] };
    expect(pair(parseImportRecord("trl", record)).context).toEqual([user]);
  });

  it("splits implicit text on the shared start, keeping a shared word start whole", () => {
    expect(pair(parseImportRecord("trl", { chosen: "The sky is blue.", rejected: "The sky is black." }))).toMatchObject({
      context: [{ role: "user", content: "The sky is " }],
      texts: [
        ["blue.", 1],
        ["black.", 2],
      ],
    });
  });

  it("says why an implicit prompt cannot be split", () => {
    expect(parseImportRecord("trl", { chosen: "Blue.", rejected: "Green." })).toEqual({
      errors: [{ field: "chosen", message: 'chosen and rejected do not start with a shared prompt: give a "prompt" field' }],
    });
    expect(parseImportRecord("trl", { chosen: "Same", rejected: "Same", prompt: undefined })).toMatchObject({ errors: [{ field: "chosen" }] });
    const user = { role: "user", content: "Q" };
    expect(parseImportRecord("trl", { chosen: [user], rejected: [{ role: "user", content: "R" }] })).toMatchObject({
      errors: [{ message: expect.stringContaining("share no prompt messages") }],
    });
  });

  it("refuses more than one response message, mixed kinds, and bad fields", () => {
    const user = { role: "user", content: "Q" };
    const two = [
      { role: "assistant", content: "a" },
      { role: "user", content: "b" },
    ];
    expect(parseImportRecord("trl", { prompt: [user], chosen: two, rejected: [{ role: "assistant", content: "c" }] })).toMatchObject({
      errors: [{ field: "chosen", message: "expected one assistant message after the prompt, got 2 messages" }],
    });
    expect(parseImportRecord("trl", { prompt: "Q", chosen: [{ role: "assistant", content: "a" }], rejected: "b" })).toMatchObject({
      errors: [{ message: expect.stringContaining("mixes strings and message lists") }],
    });
    expect(parseImportRecord("trl", { prompt: "Q", chosen: 3, rejected: "b", margin: "x" })).toEqual({
      errors: [
        { field: "chosen", message: "expected a string or a list of messages" },
        { field: "margin", message: "expected a number" },
      ],
    });
  });

  it("is detected by a prompt or by message lists; bare transcripts stay HH-RLHF", () => {
    expect(detectImportFormat({ prompt: "", chosen: "", rejected: "" })).toBe("trl");
    expect(detectImportFormat({ chosen: [], rejected: [] })).toBe("trl");
    expect(detectImportFormat({ chosen: "\n\nHuman: a", rejected: "\n\nHuman: b" })).toBe("hh-rlhf");
  });
});
