import "server-only";
import type { Readable } from "node:stream";
import { AppError, type ErrorDetail } from "@/lib/errors";
import { DecompressionLimitError, openImportSource } from "@/lib/formats/gzip-source";
import type { ImportFormat } from "@/lib/formats/import-formats";
import { IMPORT_MAX_BYTES } from "@/lib/formats/import-limits";
import type { ItemInput } from "@/lib/formats/item";
import { itemProblems, itemSize } from "@/lib/formats/item-checks";
import type { ItemRoleName } from "@/lib/formats/reference-preference";
import { readImportRecords } from "@/lib/formats/import-records";
import type { CsvMapping } from "@/lib/validations/import";

/** Errors kept for the report; a file with more still stores nothing, and the total is given. */
export const MAX_REPORTED_ERRORS = 1000;
/** An insert chunk ends at this many items, or at CHUNK_MAX_CHARS of text (a few items of 16 MB lines). */
export const CHUNK_SIZE = 500;
const CHUNK_MAX_CHARS = 8 * 1024 * 1024;
/** A message or field in the report is cut here: some quote the file's content. */
const MAX_DETAIL_CHARS = 300;

export type ProjectRef = { id: string; judgmentKind: "PAIRWISE" | "RANKING" | "DIALOGUE" };
export type PositionedItem = { position: number; item: ItemInput };
/** bytesRead counts the file as stored (compressed, when it is gzip). */
export type ImportProgress = { bytesRead: number; totalBytes: number | null; lines: number; items: number };

export type ScanOptions = {
  project: ProjectRef;
  source: Readable | AsyncIterable<Uint8Array>;
  /** The file's size when known beforehand (a stat, a Content-Length): over maxBytes, nothing is read. */
  totalBytes?: number | null;
  /** The most bytes the source may have (IMPORT_MAX_BYTES): past it the read stops with PAYLOAD_TOO_LARGE. */
  maxBytes?: number;
  format?: ImportFormat | "auto";
  mapping?: CsvMapping;
  /** The whole file's role (task by default): check items are refused, line by line, without a usable reference. */
  role?: ItemRoleName;
  onProgress?: (progress: ImportProgress) => void;
};

export type ScanResult = { format: ImportFormat; itemCount: number };

export function fileTooLarge(maxBytes: number) {
  const size = maxBytes >= 1024 ** 3 ? `${maxBytes / 1024 ** 3} GB` : maxBytes >= 1024 ** 2 ? `${Math.round(maxBytes / 1024 ** 2)} MB` : `${maxBytes} bytes`;
  return new AppError("PAYLOAD_TOO_LARGE", `The file is larger than ${size}, the most an import may be; nothing was stored`);
}

/** A file whose size is known beforehand (a stat, a Content-Length) is refused before any of it is read. */
export function assertSizeAllowed({ totalBytes, maxBytes = IMPORT_MAX_BYTES }: { totalBytes?: number | null; maxBytes?: number }) {
  if (totalBytes && totalBytes > maxBytes) throw fileTooLarge(maxBytes);
}

/** Live conversations make their own items; a file cannot be imported into them. */
export function assertImportable(project: ProjectRef) {
  if (project.judgmentKind === "DIALOGUE") {
    throw new AppError(
      "CONFLICT",
      "This project collects live conversations: its items come from conversations, not files. Import into a pairwise or ranking project",
    );
  }
}

function clip(text: string): string {
  return text.length > MAX_DETAIL_CHARS ? `${text.slice(0, MAX_DETAIL_CHARS)}...` : text;
}

/** The report so far: every bad line's errors (the first MAX_REPORTED_ERRORS) and how many lines were bad. */
class LineReport {
  readonly errors: ErrorDetail[] = [];
  badLines = 0;

  add(line: number, problems: { field?: string; message: string }[]) {
    this.badLines++;
    for (const { field, message } of problems) {
      if (this.errors.length < MAX_REPORTED_ERRORS) this.errors.push({ line, ...(field === undefined ? {} : { field: clip(field) }), message: clip(message) });
    }
  }

  error(): AppError {
    const shown = this.errors.length < MAX_REPORTED_ERRORS ? "" : ` (the first ${MAX_REPORTED_ERRORS} errors are listed)`;
    const lines = `${this.badLines} bad line${this.badLines === 1 ? "" : "s"}`;
    return new AppError("INVALID_FILE", `The file has ${lines}; nothing was imported${shown}`, this.errors);
  }
}

/** Valid items waiting for their insert, handed on at CHUNK_SIZE items or CHUNK_MAX_CHARS of text. */
class PendingChunk {
  private rows: PositionedItem[] = [];
  private chars = 0;

  constructor(private readonly onChunk: (rows: PositionedItem[]) => Promise<void>) {}

  /** Adds a row; true when that handed a chunk on. */
  async add(row: PositionedItem): Promise<boolean> {
    this.rows.push(row);
    this.chars += itemSize(row.item);
    if (this.rows.length < CHUNK_SIZE && this.chars < CHUNK_MAX_CHARS) return false;
    await this.flush();
    return true;
  }

  async flush() {
    if (this.rows.length === 0) return;
    const rows = this.rows;
    this.rows = [];
    this.chars = 0;
    await this.onChunk(rows);
  }
}

/**
 * Reads a whole file and hands its valid items to onChunk in chunks, in file order. After the first
 * bad line no more chunks are handed over; reading goes on only to report every error, and then
 * the scan throws INVALID_FILE with them, so a caller inside a transaction stores nothing.
 */
export async function scanImport(options: ScanOptions, onChunk: (rows: PositionedItem[]) => Promise<void>): Promise<ScanResult> {
  assertImportable(options.project);
  assertSizeAllowed(options);
  const maxBytes = options.maxBytes ?? IMPORT_MAX_BYTES;
  let bytesRead = 0;
  const opened = await openImportSource(cappedBytes(options.source, maxBytes, (total) => (bytesRead = total)));
  const report = new LineReport();
  const pending = new PendingChunk(onChunk);
  const requested = options.format ?? "auto";
  let format: ImportFormat | null = requested === "auto" ? null : requested;
  let itemCount = 0;
  let lines = 0;
  const progress = () => options.onProgress?.({ bytesRead, totalBytes: options.totalBytes ?? null, lines, items: itemCount });
  const pairwise = options.project.judgmentKind === "PAIRWISE";

  const entries = readImportRecords({ source: opened.stream, format: requested, mapping: options.mapping, onFormat: (f) => (format = f) });
  try {
    for await (const entry of entries) {
      lines = entry.line;
      const problems = "errors" in entry ? entry.errors : itemProblems(entry.item, { pairwise, role: options.role });
      if (problems.length > 0) report.add(entry.line, problems);
      if (problems.length > 0 || !("item" in entry)) continue;
      itemCount++;
      if (report.badLines === 0 && (await pending.add({ position: entry.line, item: entry.item }))) progress();
    }
  } catch (error) {
    throw readFailure(error, { gzip: opened.gzip, report });
  } finally {
    // Reading may stop early (an unknown format, a bad CSV mapping): close the file all the same.
    opened.stream.destroy();
  }

  if (report.badLines > 0) throw report.error();
  if (itemCount === 0 || format === null) throw new AppError("INVALID_FILE", "The file has no items; nothing was imported", [{ message: "no items" }]);
  await pending.flush();
  progress();
  return { format, itemCount };
}

/** What a failed read is answered with: a limit or a broken gzip is the file's fault, the rest the server's. */
function readFailure(error: unknown, { gzip, report }: { gzip: boolean; report: LineReport }): unknown {
  if (error instanceof AppError) return error;
  if (error instanceof DecompressionLimitError) {
    const details = [...report.errors.slice(0, MAX_REPORTED_ERRORS - 1), { line: error.line, message: error.message }];
    return new AppError("INVALID_FILE", "The file decompresses to more than an import may hold (a gzip bomb?); nothing was imported", details);
  }
  if (gzip && (error as { code?: string }).code?.startsWith("Z_")) {
    return new AppError("INVALID_FILE", "The file starts like gzip but is not a valid gzip file; nothing was imported", [
      { message: (error as Error).message },
    ]);
  }
  return error;
}

/** The source, counted, and refused with PAYLOAD_TOO_LARGE as soon as it passes maxBytes. */
async function* cappedBytes(source: Readable | AsyncIterable<Uint8Array>, maxBytes: number, onRead: (total: number) => void): AsyncGenerator<Uint8Array> {
  let total = 0;
  for await (const chunk of source) {
    total += chunk.length;
    if (total > maxBytes) throw fileTooLarge(maxBytes);
    onRead(total);
    yield chunk;
  }
}
