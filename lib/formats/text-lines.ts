// Splits a byte stream into numbered lines of strict UTF-8. A line is held only up to the limit:
// past it, it is reported at once and its remaining bytes are skipped, so a file that is one
// endless line costs the limit in memory, not its length.
import { MAX_LINE_BYTES } from "@/lib/formats/import-limits";

export type TextLine = { line: number; text: string } | { line: number; error: string };

const NEWLINE = 0x0a;
const CARRIAGE_RETURN = 0x0d;

export function lineTooLongMessage(maxLineBytes: number): string {
  return `line is longer than ${formatLimit(maxLineBytes)}`;
}

function formatLimit(bytes: number): string {
  return bytes >= 1024 * 1024 ? `${bytes / 1024 / 1024} MB` : `${bytes} bytes`;
}

// fatal: a byte sequence that is not UTF-8 is an error, never a silent U+FFFD in the stored text.
// ignoreBOM: a BOM stays in the text, for the caller to strip where it belongs (the first line).
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

function decodeLine(line: number, parts: Buffer[], size: number): TextLine {
  let bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts, size);
  if (bytes.at(-1) === CARRIAGE_RETURN) bytes = bytes.subarray(0, -1);
  try {
    return { line, text: decoder.decode(bytes) };
  } catch {
    return { line, error: "not valid UTF-8 (save the file as UTF-8)" };
  }
}

export async function* readTextLines(source: AsyncIterable<Uint8Array>, maxLineBytes = MAX_LINE_BYTES): AsyncGenerator<TextLine> {
  let line = 1;
  let parts: Buffer[] = [];
  let size = 0;
  let tooLong = false;
  for await (const chunk of source) {
    const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    let start = 0;
    while (start <= bytes.length) {
      const newline = bytes.indexOf(NEWLINE, start);
      const end = newline === -1 ? bytes.length : newline;
      if (!tooLong) {
        size += end - start;
        if (size > maxLineBytes) {
          tooLong = true;
          parts = [];
          yield { line, error: lineTooLongMessage(maxLineBytes) };
        } else if (end > start) parts.push(bytes.subarray(start, end));
      }
      if (newline === -1) break;
      if (!tooLong) yield decodeLine(line, parts, size);
      line++;
      parts = [];
      size = 0;
      tooLong = false;
      start = newline + 1;
    }
  }
  if (size > 0 && !tooLong) yield decodeLine(line, parts, size);
}
