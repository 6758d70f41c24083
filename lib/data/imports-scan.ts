import "server-only";
import type { Readable } from "node:stream";
import { AppError, type ErrorDetail } from "@/lib/errors";
import { openImportSource } from "@/lib/formats/gzip-source";
import type { ImportFormat } from "@/lib/formats/import-formats";
import type { ItemInput } from "@/lib/formats/item";
import { readImportRecords } from "@/lib/formats/import-records";
import type { FieldError } from "@/lib/formats/zod-issues";
import type { CsvMapping } from "@/lib/validations/import";

/** Errors kept for the report; a file with more still stores nothing, and the total is given. */
export const MAX_REPORTED_ERRORS = 1000;
export const CHUNK_SIZE = 500;

export type ProjectRef = { id: string; judgmentKind: "PAIRWISE" | "RANKING" | "DIALOGUE" };
export type PositionedItem = { position: number; item: ItemInput };
/** bytesRead counts the file as stored (compressed, when it is gzip). */
export type ImportProgress = { bytesRead: number; totalBytes: number | null; lines: number; items: number };

export type ScanOptions = {
  project: ProjectRef;
  source: Readable | AsyncIterable<Uint8Array>;
  totalBytes?: number | null;
  format?: ImportFormat | "auto";
  mapping?: CsvMapping;
  onProgress?: (progress: ImportProgress) => void;
};

export type ScanResult = { format: ImportFormat; itemCount: number };

/**
 * Reads a whole file and hands its valid items to onChunk in chunks, in file order. After the first
 * bad line no more chunks are handed over; reading goes on only to report every error, and then
 * the scan throws INVALID_FILE with them, so a caller inside a transaction stores nothing.
 */
export async function scanImport(options: ScanOptions, onChunk: (rows: PositionedItem[]) => Promise<void>): Promise<ScanResult> {
  if (options.project.judgmentKind === "DIALOGUE") {
    throw new AppError(
      "CONFLICT",
      "This project collects live conversations: its items come from conversations, not files. Import into a pairwise or ranking project",
    );
  }
  let bytesRead = 0;
  const counted = countBytes(options.source, (n) => (bytesRead += n));
  const opened = await openImportSource(counted);
  const errors: ErrorDetail[] = [];
  let badLines = 0;
  const requested = options.format ?? "auto";
  let format: ImportFormat | null = requested === "auto" ? null : requested;
  let pending: PositionedItem[] = [];
  let itemCount = 0;
  let lines = 0;
  const progress = () => options.onProgress?.({ bytesRead, totalBytes: options.totalBytes ?? null, lines, items: itemCount });

  const entries = readImportRecords({ source: opened.stream, format: requested, mapping: options.mapping, onFormat: (f) => (format = f) });
  try {
    for await (const entry of entries) {
      lines = entry.line;
      const problems = "errors" in entry ? entry.errors : itemProblems(options.project, entry.item);
      if (problems.length > 0) {
        badLines++;
        for (const problem of problems) if (errors.length < MAX_REPORTED_ERRORS) errors.push({ line: entry.line, ...problem });
        continue;
      }
      if (!("item" in entry)) continue;
      itemCount++;
      if (badLines > 0) continue;
      pending.push({ position: entry.line, item: entry.item });
      if (pending.length >= CHUNK_SIZE) {
        await onChunk(pending);
        pending = [];
        progress();
      }
    }
  } catch (error) {
    if (error instanceof AppError) throw error;
    if (opened.gzip && (error as { code?: string }).code?.startsWith("Z_")) {
      throw new AppError("INVALID_FILE", "The file starts like gzip but is not a valid gzip file; nothing was imported", [
        { message: (error as Error).message },
      ]);
    }
    throw error;
  } finally {
    // Reading may stop early (an unknown format, a bad CSV mapping): close the file all the same.
    opened.stream.destroy();
  }

  if (badLines > 0) {
    const shown = errors.length < MAX_REPORTED_ERRORS ? "" : ` (the first ${MAX_REPORTED_ERRORS} errors are listed)`;
    throw new AppError("INVALID_FILE", `The file has ${badLines} bad line${badLines === 1 ? "" : "s"}; nothing was imported${shown}`, errors);
  }
  if (itemCount === 0 || format === null) throw new AppError("INVALID_FILE", "The file has no items; nothing was imported", [{ message: "no items" }]);
  if (pending.length > 0) await onChunk(pending);
  progress();
  return { format, itemCount };
}

async function* countBytes(source: Readable | AsyncIterable<Uint8Array>, add: (n: number) => void): AsyncGenerator<Uint8Array> {
  for await (const chunk of source) {
    add(chunk.length);
    yield chunk;
  }
}

/** What the format allows but this project or PostgreSQL does not. */
function itemProblems(project: ProjectRef, item: ItemInput): FieldError[] {
  const problems: FieldError[] = [];
  if (project.judgmentKind === "PAIRWISE" && item.candidates.length !== 2) {
    problems.push({ field: "responses", message: `this project compares pairs: expected 2 responses, got ${item.candidates.length}` });
  }
  item.context.forEach((message, i) => {
    if (message.content.includes("\u0000")) problems.push({ field: `messages[${i}].content`, message: NUL_MESSAGE });
  });
  item.candidates.forEach((candidate, i) => {
    if (candidate.text.includes("\u0000")) problems.push({ field: `responses[${i}].text`, message: NUL_MESSAGE });
  });
  return problems;
}

const NUL_MESSAGE = "contains a NUL character (\\u0000), which cannot be stored";
