// Builds demo-corpus.jsonl, the answers of the built-in demo models, from two sources in this repository.
// Run once, by hand, when a source changes: `node_modules/.bin/tsx lib/models/demo-corpus/build-corpus.ts`.
// The app reads only the committed output, so it never depends on this script or its inputs at run time.
import fs from "node:fs";
import path from "node:path";
import { splitHhPair, TranscriptError } from "@/lib/formats/hh-rlhf";
import type { ChatMessage } from "@/lib/formats/item";
import { containsExcludedWord } from "./excluded-words";

type Entry = { model: string; prompt: string; text: string };

const ROOT = path.resolve(__dirname, "../../..");
const HELPFUL_SOURCE = path.join(ROOT, "prisma/demo/comparisons.jsonl");
// A byte-identical copy of the first 200 records of HH-RLHF harmless-base/test.jsonl (see its README).
const HH_SOURCE = path.join(ROOT, "lib/testing/fixtures/hh-harmless-sample.jsonl");
const OUTPUT = path.join(__dirname, "demo-corpus.jsonl");

function readJsonLines(file: string): unknown[] {
  return fs
    .readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line));
}

function lastUserMessage(messages: ChatMessage[]): string | undefined {
  return messages.findLast((message) => message.role === "user")?.content;
}

/** Every response of the project's own demo comparisons, answering the last user message of its item. */
function helpfulEntries(): Entry[] {
  return readJsonLines(HELPFUL_SOURCE).flatMap((record) => {
    const { messages, responses } = record as { messages: ChatMessage[]; responses: { text: string }[] };
    const prompt = lastUserMessage(messages) ?? "";
    return responses.map((response) => ({ model: "preflab-demo-helpful", prompt, text: response.text }));
  });
}

/** The assistant turns of a `chosen` transcript, each with the human message it answered. */
function chosenTurns(chosen: string, rejected: string): { prompt: string; text: string }[] {
  // The final turn is cut where the pair diverges, as the importer does: a reply may itself contain
  // "\n\nAssistant:", so splitting the whole transcript on markers could cut it in two.
  const { context, chosen: finalReply } = splitHhPair(chosen, rejected);
  const conversation: ChatMessage[] = [...context, { role: "assistant", content: finalReply }];
  return conversation.flatMap((message, i) => {
    if (message.role !== "assistant") return [];
    return [{ prompt: lastUserMessage(conversation.slice(0, i)) ?? "", text: message.content }];
  });
}

function hhEntries(): Entry[] {
  return readJsonLines(HH_SOURCE).flatMap((record, i) => {
    const { chosen, rejected } = record as { chosen: string; rejected: string };
    try {
      return chosenTurns(chosen, rejected).map((turn) => ({ model: "preflab-demo-hh", ...turn }));
    } catch (error) {
      if (!(error instanceof TranscriptError)) throw error;
      console.warn(`HH line ${i + 1} skipped: ${error.message}`);
      return [];
    }
  });
}

type Cleaned = { kept: Entry[]; empty: number; garbled: number; excluded: number; repeated: number };

// A few HH replies are the crowdworker typing the next turn into the assistant's slot ("Human: So you...");
// they read as nonsense from a model, so any reply holding a turn label is left out.
const TURN_LABEL = /\b(?:Human|Assistant):/;

/** Trimmed, without empty or garbled replies, excluded words or repeats; the sources' order is kept. */
function cleanEntries(entries: Entry[]): Cleaned {
  const result: Cleaned = { kept: [], empty: 0, garbled: 0, excluded: 0, repeated: 0 };
  const seen = new Set<string>();
  for (const entry of entries) {
    const clean = { model: entry.model, prompt: entry.prompt.trim(), text: entry.text.trim() };
    const key = JSON.stringify(clean);
    if (clean.text === "") result.empty++;
    else if (TURN_LABEL.test(clean.text)) result.garbled++;
    else if (containsExcludedWord(clean.prompt) || containsExcludedWord(clean.text)) result.excluded++;
    else if (seen.has(key)) result.repeated++;
    else {
      seen.add(key);
      result.kept.push(clean);
    }
  }
  return result;
}

function main() {
  const sources = { "preflab-demo-helpful": helpfulEntries(), "preflab-demo-hh": hhEntries() };
  const lines: string[] = [];
  for (const [model, entries] of Object.entries(sources)) {
    const { kept, empty, garbled, excluded, repeated } = cleanEntries(entries);
    const left = `${empty} empty, ${garbled} with turn labels, ${excluded} with excluded words, ${repeated} repeated`;
    console.log(`${model}: ${kept.length} kept of ${entries.length} (left out: ${left})`);
    lines.push(...kept.map((entry) => JSON.stringify(entry)));
  }
  fs.writeFileSync(OUTPUT, `${lines.join("\n")}\n`);
  console.log(`wrote ${path.relative(ROOT, OUTPUT)}`);
}

main();
