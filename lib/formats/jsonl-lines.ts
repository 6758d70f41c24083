// Reads JSONL from a byte stream one line at a time, so files of any size use flat memory.
import { createInterface } from "node:readline";
import { Readable } from "node:stream";

export type JsonlLine = { line: number; value: unknown } | { line: number; error: string };

export const MAX_LINE_BYTES = 16 * 1024 * 1024;

export async function* readJsonlLines(input: Readable | AsyncIterable<Uint8Array>): AsyncGenerator<JsonlLine> {
  const stream = input instanceof Readable ? input : Readable.from(input);
  const lines = createInterface({ input: stream, crlfDelay: Infinity });
  let line = 0;
  for await (const text of lines) {
    line++;
    if (text.trim() === "") continue;
    if (text.length > MAX_LINE_BYTES) {
      yield { line, error: `line is longer than ${MAX_LINE_BYTES / 1024 / 1024} MB` };
      continue;
    }
    try {
      yield { line, value: JSON.parse(line === 1 ? text.replace(/^\uFEFF/, "") : text) };
    } catch (error) {
      yield { line, error: `not valid JSON (${(error as Error).message})` };
    }
  }
}
