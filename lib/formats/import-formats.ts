// The import formats, and how to tell the JSONL ones apart from the first record.
import { looksLikeHhRecord, parseHhRecord } from "@/lib/formats/hh-rlhf-record";
import type { ItemInput } from "@/lib/formats/item";
import { looksLikePreflabRecord, parsePreflabRecord } from "@/lib/formats/preflab-jsonl";
import { looksLikeTrlRecord, parseTrlRecord } from "@/lib/formats/trl-preference";
import type { FieldError } from "@/lib/formats/zod-issues";

export const IMPORT_FORMATS = ["hh-rlhf", "preflab", "trl", "csv"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];
export type JsonlImportFormat = Exclude<ImportFormat, "csv">;

export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  "hh-rlhf": "HH-RLHF (chosen / rejected transcripts)",
  preflab: "Preflab JSONL (messages or prompt, responses)",
  trl: "TRL preference (prompt?, chosen, rejected)",
  csv: "CSV with a column mapping",
};

export type ParsedRecord = { item: ItemInput } | { errors: FieldError[] };

const parsers: Record<JsonlImportFormat, (value: unknown) => ParsedRecord> = {
  "hh-rlhf": parseHhRecord,
  preflab: parsePreflabRecord,
  trl: parseTrlRecord,
};

export function detectImportFormat(value: unknown): JsonlImportFormat | null {
  if (looksLikeTrlRecord(value)) return "trl";
  if (looksLikeHhRecord(value)) return "hh-rlhf";
  if (looksLikePreflabRecord(value)) return "preflab";
  return null;
}

export function parseImportRecord(format: JsonlImportFormat, value: unknown): ParsedRecord {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { errors: [{ message: "expected a JSON object" }] };
  }
  return parsers[format](value);
}
