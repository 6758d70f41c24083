// One reader for every import format: a (gunzipped) byte stream in, numbered items or line errors out.
import type { Readable } from "node:stream";
import { readCsvRecords } from "@/lib/formats/csv-records";
import { detectImportFormat, parseImportRecord, type ImportFormat, type JsonlImportFormat } from "@/lib/formats/import-formats";
import type { ItemInput } from "@/lib/formats/item";
import { readJsonlLines } from "@/lib/formats/jsonl-lines";
import type { FieldError } from "@/lib/formats/zod-issues";
import type { CsvMapping } from "@/lib/validations/import";

export type ImportEntry = { line: number; item: ItemInput } | { line: number; errors: FieldError[] };

type ReadOptions = {
  source: Readable;
  format: ImportFormat | "auto";
  mapping?: CsvMapping;
  /** Called once the format is known (at the first record when it is "auto"). */
  onFormat?: (format: ImportFormat) => void;
};

const UNKNOWN_FORMAT =
  'cannot tell the format: expected HH-RLHF ("chosen"/"rejected" transcripts), TRL ("prompt", "chosen", "rejected") or Preflab ("responses") fields';

export async function* readImportRecords({ source, format, mapping, onFormat }: ReadOptions): AsyncGenerator<ImportEntry> {
  if (format === "csv") {
    if (!mapping) {
      yield { line: 1, errors: [{ message: "a CSV file needs a column mapping" }] };
      return;
    }
    onFormat?.("csv");
    yield* readCsvRecords(source, mapping);
    return;
  }
  let known: JsonlImportFormat | null = format === "auto" ? null : format;
  if (known) onFormat?.(known);
  for await (const entry of readJsonlLines(source)) {
    if ("error" in entry) {
      const csvHint = known === null ? ": if this is a CSV file, choose CSV and map its columns" : "";
      yield { line: entry.line, errors: [{ message: `${entry.error}${csvHint}` }] };
      if (known === null) return;
      continue;
    }
    if (known === null) {
      known = detectImportFormat(entry.value);
      if (known === null) {
        yield { line: entry.line, errors: [{ message: UNKNOWN_FORMAT }] };
        return;
      }
      onFormat?.(known);
    }
    const parsed = parseImportRecord(known, entry.value);
    yield "item" in parsed ? { line: entry.line, item: parsed.item } : { line: entry.line, errors: parsed.errors };
  }
}
