// The built-in demo models: they answer by retrieving a reply from a bundled corpus (demo-corpus/), so a
// fresh install with no network and no API key can still hold a live conversation. Everything but the
// corpus loader is pure, so tests can pass their own corpus and random source.
import "server-only";
import fs from "node:fs";
import path from "node:path";

export const DEMO_MODELS = ["preflab-demo-helpful", "preflab-demo-hh"] as const;
export type DemoModel = (typeof DEMO_MODELS)[number];

export type DemoCorpusEntry = { model: string; prompt: string; text: string };
export type DemoMessage = { role: string; content: string };
export type DemoAnswerOptions = { model: DemoModel; temperature?: number; seed?: number; maxTokens?: number };
export type DemoUsage = { promptTokens: number; completionTokens: number; totalTokens: number };
export type DemoAnswer = { text: string; tokens: string[]; finishReason: "stop" | "length"; usage: DemoUsage };

type IndexedEntry = DemoCorpusEntry & { promptWords: Set<string>; textWords: Set<string> };
export type DemoCorpus = Map<string, IndexedEntry[]>;

// Read from the project folder, where `npm start` and the tests run: the file is data, not code to bundle.
const CORPUS_FILE = path.join(process.cwd(), "lib/models/demo-corpus/demo-corpus.jsonl");
const TOP_K = 5;
// A shared reply word says less about a match than a shared prompt word.
const TEXT_WEIGHT = 0.25;
const STOP_WORDS = new Set(
  (
    "a an and are as at be but by can could do does for from had has have how i if in is it its me my no not of on or " +
    "so than that the their them then there these they this to was we were what when where which who why will with " +
    "would you your i'm it's don't"
  )
    .split(" ")
    .filter(Boolean),
);

export function isDemoModel(model: string): model is DemoModel {
  return (DEMO_MODELS as readonly string[]).includes(model);
}

/** Lower-case words without stop words: what retrieval compares. */
export function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[\p{L}\p{N}]+(?:['’][\p{L}]+)*/gu) ?? [];
  return new Set(words.map((word) => word.replaceAll("’", "'")).filter((word) => !STOP_WORDS.has(word)));
}

/** Words with the whitespace after them, so that the tokens joined give the text back exactly. */
export function streamTokens(text: string): string[] {
  return text.match(/^\s*\S+\s*|\S+\s*/g) ?? [];
}

/** Groups entries by model, with their words worked out once. */
export function indexDemoCorpus(entries: DemoCorpusEntry[]): DemoCorpus {
  const corpus: DemoCorpus = new Map();
  for (const entry of entries) {
    const indexed = { ...entry, promptWords: contentWords(entry.prompt), textWords: contentWords(entry.text) };
    corpus.set(entry.model, [...(corpus.get(entry.model) ?? []), indexed]);
  }
  return corpus;
}

let cachedCorpus: DemoCorpus | undefined;

/** The bundled corpus, read on first use and kept for the life of the process (it never changes while running). */
export function demoCorpus(): DemoCorpus {
  if (cachedCorpus) return cachedCorpus;
  const lines = fs.readFileSync(CORPUS_FILE, "utf8").split("\n");
  const entries = lines
    .filter((line) => line.trim() !== "")
    .map((line, i) => {
      const entry = JSON.parse(line) as DemoCorpusEntry;
      if (typeof entry.model !== "string" || typeof entry.prompt !== "string" || typeof entry.text !== "string") {
        throw new Error(`${CORPUS_FILE} line ${i + 1}: expected {model, prompt, text} strings`);
      }
      return entry;
    });
  cachedCorpus = indexDemoCorpus(entries);
  return cachedCorpus;
}

/** mulberry32: small, fast and good enough to make a seeded demo repeatable; not for anything secret. */
export function seededRandom(seed: number): () => number {
  // Fold the high bits in, so that seeds differing only above 2^32 (or in sign) still differ.
  let state = ((seed >>> 0) ^ Math.imul(Math.floor(seed / 2 ** 32) >>> 0, 0x9e3779b1)) >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

function overlap(query: Set<string>, words: Set<string>): number {
  let shared = 0;
  for (const word of query) if (words.has(word)) shared++;
  return shared;
}

/** Index into `weights` drawn in proportion to them. */
function drawIndex(weights: number[], random: () => number): number {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let point = random() * total;
  for (let i = 0; i < weights.length; i++) {
    point -= weights[i];
    if (point < 0) return i;
  }
  return weights.length - 1;
}

/**
 * The entry answering `query`: among the 5 best by word overlap, drawn with softmax(score / temperature)
 * probabilities; temperature 0 takes the best, the earliest in the corpus on a tie. No overlap: any entry.
 */
export function chooseDemoEntry<E extends IndexedEntry>(
  entries: E[],
  query: string,
  { temperature, random }: { temperature: number; random: () => number },
): E {
  const words = contentWords(query);
  const scored = entries
    .map((entry, order) => ({ entry, order, score: overlap(words, entry.promptWords) + TEXT_WEIGHT * overlap(words, entry.textWords) }))
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score || a.order - b.order)
    .slice(0, TOP_K);
  if (scored.length === 0) return entries[Math.floor(random() * entries.length)];
  if (temperature <= 0) return scored[0].entry;
  const best = scored[0].score;
  // Subtracting the best score keeps exp() finite at small temperatures; the probabilities are unchanged.
  return scored[
    drawIndex(
      scored.map(({ score }) => Math.exp((score - best) / temperature)),
      random,
    )
  ].entry;
}

function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

/** The demo model's reply to a conversation, cut at `maxTokens`, with its stream tokens and usage. */
export function answerDemoChat(messages: DemoMessage[], options: DemoAnswerOptions, corpus: DemoCorpus = demoCorpus()): DemoAnswer {
  const { model, temperature = 1, seed, maxTokens } = options;
  const entries = corpus.get(model);
  if (!entries?.length) throw new Error(`The demo corpus has no entries for ${model}`);
  const random = seed === undefined ? Math.random : seededRandom(seed);
  const query = messages.findLast((message) => message.role === "user")?.content ?? "";
  const allTokens = streamTokens(chooseDemoEntry(entries, query, { temperature, random }).text);
  const tokens = maxTokens === undefined ? allTokens : allTokens.slice(0, maxTokens);
  const promptTokens = messages.reduce((sum, message) => sum + countWords(message.content), 0);
  return {
    text: tokens.join(""),
    tokens,
    finishReason: tokens.length < allTokens.length ? "length" : "stop",
    usage: { promptTokens, completionTokens: tokens.length, totalTokens: promptTokens + tokens.length },
  };
}
