// Reads JSONL from a byte stream one line at a time, so files of any size use flat memory.
import type { Readable } from "node:stream";
import { MAX_LINE_BYTES } from "@/lib/formats/import-limits";
import { readTextLines } from "@/lib/formats/text-lines";

export type JsonlLine = { line: number; value: unknown } | { line: number; error: string };

export async function* readJsonlLines(input: Readable | AsyncIterable<Uint8Array>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<JsonlLine> {
  for await (const entry of readTextLines(input, maxLineBytes)) {
    if ("error" in entry) {
      yield entry;
      continue;
    }
    const { line, text } = entry;
    if (text.trim() === "") continue;
    try {
      yield { line, value: JSON.parse(line === 1 ? text.replace(/^\uFEFF/, "") : text) };
    } catch (error) {
      yield { line, error: `not valid JSON (${(error as Error).message})` };
    }
  }
}
