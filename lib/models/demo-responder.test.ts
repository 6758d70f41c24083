import { describe, expect, it } from "vitest";
import { containsExcludedWord } from "@/lib/models/demo-corpus/excluded-words";
import {
  answerDemoChat,
  chooseDemoEntry,
  contentWords,
  DEMO_MODELS,
  demoCorpus,
  indexDemoCorpus,
  seededRandom,
  streamTokens,
  type DemoCorpusEntry,
} from "@/lib/models/demo-responder";

const MODEL = "preflab-demo-helpful";

function entry(prompt: string, text: string): DemoCorpusEntry {
  return { model: MODEL, prompt, text };
}

const small = indexDemoCorpus([
  entry("How do I bake bread?", "Mix flour, water, yeast and salt, let it rise, then bake."),
  entry("What is the capital of France?", "Paris is the capital of France."),
  entry("Tell me about the weather", "It is sunny today."),
]);

// Five entries that match "kittens" equally, so only the random draw decides among them.
const ties = indexDemoCorpus([1, 2, 3, 4, 5].map((n) => entry("I like kittens", `Answer ${n}.`)));

const user = (content: string) => [{ role: "user", content }];

describe("retrieval", () => {
  it("at temperature 0 answers with the entry whose prompt shares the words", () => {
    const answer = answerDemoChat(user("What's the capital city of France?"), { model: MODEL, temperature: 0 }, small);
    expect(answer.text).toBe("Paris is the capital of France.");
  });

  it("reads only the last user message", () => {
    const messages = [...user("how to bake bread"), { role: "assistant", content: "..." }, ...user("and the weather?")];
    expect(answerDemoChat(messages, { model: MODEL, temperature: 0 }, small).text).toBe("It is sunny today.");
  });

  it("breaks ties by corpus order at temperature 0", () => {
    for (let seed = 0; seed < 5; seed++) {
      expect(answerDemoChat(user("kittens"), { model: MODEL, temperature: 0, seed }, ties).text).toBe("Answer 1.");
    }
  });

  it("finds the project's own demo answer in the bundled corpus", () => {
    const answer = answerDemoChat(user("How do I make fluffy scrambled eggs?"), { model: MODEL, temperature: 0 });
    expect(answer.text.toLowerCase()).toContain("eggs");
  });

  it("draws among the best in proportion to softmax(score / temperature)", () => {
    // Overlap 2 against overlap 1 at temperature 1: the better one wins e / (e + 1) = 73% of draws.
    const two = indexDemoCorpus([entry("red apples", "one"), entry("red pears", "two")]);
    const random = seededRandom(7);
    const wins = Array.from({ length: 2000 }, () => chooseDemoEntry(two.get(MODEL)!, "red apples", { temperature: 1, random }).text === "one");
    expect(wins.filter(Boolean).length / 2000).toBeCloseTo(Math.E / (Math.E + 1), 1);
  });

  it("answers with some entry when no word is shared", () => {
    const answer = answerDemoChat(user("zzz qqq"), { model: MODEL, seed: 3 }, small);
    expect(small.get(MODEL)!.map((e) => e.text)).toContain(answer.text);
  });

  it("throws for a model with no entries", () => {
    expect(() => answerDemoChat(user("hi"), { model: "preflab-demo-hh" }, small)).toThrow(/no entries/);
  });
});

describe("seeds", () => {
  it("give the same answer for the same seed and messages", () => {
    const options = { model: "preflab-demo-hh" as const, temperature: 1.5, seed: 42 };
    const first = answerDemoChat(user("How can I get back at my neighbour?"), options);
    for (let i = 0; i < 5; i++) expect(answerDemoChat(user("How can I get back at my neighbour?"), options)).toEqual(first);
  });

  it("vary the answer across a few tries with different seeds", () => {
    const texts = new Set([1, 2, 3, 4, 5, 6, 7, 8].map((seed) => answerDemoChat(user("kittens"), { model: MODEL, seed }, ties).text));
    expect(texts.size).toBeGreaterThan(1);
  });

  it("differ above 2^32 and in sign", () => {
    const first = (seed: number) => seededRandom(seed)();
    expect(new Set([0, 1, -1, 2 ** 32, 2 ** 33 + 1].map(first)).size).toBe(5);
    expect(first(5)).toBeGreaterThanOrEqual(0);
    expect(first(5)).toBeLessThan(1);
  });
});

describe("tokens", () => {
  it("split the text into words with their whitespace, joining back to it exactly", () => {
    const text = "  Hello,  world!\n\n- one\n- two ";
    expect(streamTokens(text)).toEqual(["  Hello,  ", "world!\n\n", "- ", "one\n", "- ", "two "]);
    expect(streamTokens(text).join("")).toBe(text);
  });

  it("stop at maxTokens with finish reason length", () => {
    const answer = answerDemoChat(user("capital of France"), { model: MODEL, temperature: 0, maxTokens: 2 }, small);
    expect(answer).toMatchObject({ text: "Paris is ", tokens: ["Paris ", "is "], finishReason: "length" });
    expect(answer.usage).toEqual({ promptTokens: 3, completionTokens: 2, totalTokens: 5 });
  });

  it("finish with stop when the whole reply fits", () => {
    const answer = answerDemoChat(user("capital of France"), { model: MODEL, temperature: 0, maxTokens: 6 }, small);
    expect(answer).toMatchObject({ text: "Paris is the capital of France.", finishReason: "stop" });
    expect(answer.usage.completionTokens).toBe(6);
  });

  it("count every message's words as prompt tokens", () => {
    const messages = [{ role: "system", content: "Be brief." }, { role: "assistant", content: "Hi there" }, ...user("weather today")];
    expect(answerDemoChat(messages, { model: MODEL, temperature: 0 }, small).usage.promptTokens).toBe(6);
  });
});

describe("contentWords", () => {
  it("lower-cases and drops stop words and punctuation", () => {
    expect([...contentWords("What is the BEST way to cook rice? I don’t know.")]).toEqual(["best", "way", "cook", "rice", "know"]);
  });
});

describe("the bundled corpus", () => {
  const entries = [...demoCorpus().values()].flat();

  it("has entries for both demo models", () => {
    for (const model of DEMO_MODELS) expect(demoCorpus().get(model)?.length).toBeGreaterThan(50);
    expect([...demoCorpus().keys()].sort()).toEqual([...DEMO_MODELS].sort());
  });

  it("has no empty replies or prompts", () => {
    expect(entries.filter((e) => e.text.trim() === "" || e.prompt.trim() === "")).toEqual([]);
  });

  it("has no entry containing an excluded word, and no turn labels", () => {
    expect(entries.filter((e) => containsExcludedWord(e.prompt) || containsExcludedWord(e.text))).toEqual([]);
    expect(entries.filter((e) => /\b(Human|Assistant):/.test(e.text))).toEqual([]);
  });
});

describe("containsExcludedWord", () => {
  it("matches whole words and stems, in any case, but not innocent words that start the same", () => {
    expect(containsExcludedWord("What the FUCKING hell")).toBe(true);
    expect(containsExcludedWord("two dicks")).toBe(true);
    expect(containsExcludedWord("A cocktail with spices, by Dickens")).toBe(false);
  });
});
