import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { encodeHhTranscript, parseHhConversation, splitHhPair, TranscriptError } from "@/lib/formats/hh-rlhf";

const SAMPLE = "lib/testing/fixtures/hh-harmless-sample.jsonl";

function sampleRecords(): { chosen: string; rejected: string }[] {
  return readFileSync(SAMPLE, "utf8")
    .trim()
    .split("\n")
    .map((line) => JSON.parse(line));
}

describe("splitHhPair", () => {
  it("splits a one-turn pair into the human turn and the two responses", () => {
    const pair = splitHhPair("\n\nHuman: Hi?\n\nAssistant: Hello!", "\n\nHuman: Hi?\n\nAssistant: Go away.");
    expect(pair).toEqual({ context: [{ role: "user", content: "Hi?" }], chosen: "Hello!", rejected: "Go away." });
  });

  it("cuts at the shared boundary, not at the last \\n\\nAssistant: inside a response", () => {
    const prompt = "\n\nHuman: Write a dialogue.\n\nAssistant:";
    const chosen = `${prompt} Sure.\n\nHuman: hello\n\nAssistant: hi there`;
    const rejected = `${prompt} No.`;
    const pair = splitHhPair(chosen, rejected);
    expect(pair.context).toEqual([{ role: "user", content: "Write a dialogue." }]);
    expect(pair.chosen).toBe("Sure.\n\nHuman: hello\n\nAssistant: hi there");
    expect(pair.rejected).toBe("No.");
  });

  it("keeps responses that both begin the same way whole", () => {
    const prompt = "\n\nHuman: Count.\n\nAssistant:";
    const pair = splitHhPair(`${prompt} One, two`, `${prompt} One, three`);
    expect(pair.chosen).toBe("One, two");
    expect(pair.rejected).toBe("One, three");
  });

  it("keeps an empty response", () => {
    const rejected = "\n\nHuman: Hi\n\nAssistant: ";
    const pair = splitHhPair("\n\nHuman: Hi\n\nAssistant: Hello", rejected);
    expect(pair.chosen).toBe("Hello");
    expect(pair.rejected).toBe("");
    expect(encodeHhTranscript(pair.context, pair.rejected)).toBe(rejected);
  });

  it("keeps \\n\\nHuman: inside a response", () => {
    const pair = splitHhPair("\n\nHuman: Q\n\nAssistant: A\n\nHuman: fake turn", "\n\nHuman: Q\n\nAssistant: B");
    expect(pair.chosen).toBe("A\n\nHuman: fake turn");
  });

  it("splits identical transcripts at their last assistant turn", () => {
    const text = "\n\nHuman: Q\n\nAssistant: A\n\nHuman: Q2\n\nAssistant: A2";
    const pair = splitHhPair(text, text);
    expect(pair.context).toHaveLength(3);
    expect(pair.chosen).toBe("A2");
  });

  it("refuses a pair with no shared assistant boundary", () => {
    expect(() => splitHhPair("\n\nHuman: A", "\n\nHuman: B")).toThrow(TranscriptError);
    expect(() => splitHhPair("", "")).toThrow(TranscriptError);
  });

  it("re-encodes every record of the HH sample byte for byte, empty responses included", () => {
    const records = sampleRecords();
    const empty = records.filter(({ chosen, rejected }) => chosen.endsWith("Assistant: ") || rejected.endsWith("Assistant: "));
    expect(empty.length).toBeGreaterThan(0);
    for (const record of records) {
      const pair = splitHhPair(record.chosen, record.rejected);
      expect(encodeHhTranscript(pair.context, pair.chosen)).toBe(record.chosen);
      expect(encodeHhTranscript(pair.context, pair.rejected)).toBe(record.rejected);
    }
  });
});

describe("parseHhConversation", () => {
  it("reads text before the first turn as a system prompt", () => {
    expect(parseHhConversation("Be kind.\n\nHuman: Hi")).toEqual([
      { role: "system", content: "Be kind." },
      { role: "user", content: "Hi" },
    ]);
  });

  it("refuses a transcript without a human turn", () => {
    expect(() => parseHhConversation("just text")).toThrow(TranscriptError);
  });
});
