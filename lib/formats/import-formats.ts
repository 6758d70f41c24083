// The import formats a JSONL file can be in, and how to tell them apart from the first record.
import { looksLikeHhRecord, parseHhRecord } from "@/lib/formats/hh-rlhf-record";
import type { ItemInput } from "@/lib/formats/item";
import { looksLikePreflabRecord, parsePreflabRecord } from "@/lib/formats/preflab-jsonl";
import type { FieldError } from "@/lib/formats/zod-issues";

export const IMPORT_FORMATS = ["hh-rlhf", "preflab"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export const IMPORT_FORMAT_LABELS: Record<ImportFormat, string> = {
  "hh-rlhf": "HH-RLHF (chosen / rejected transcripts)",
  preflab: "Preflab JSONL (messages or prompt, responses)",
};

export type ParsedRecord = { item: ItemInput } | { errors: FieldError[] };

const parsers: Record<ImportFormat, (value: unknown) => ParsedRecord> = {
  "hh-rlhf": parseHhRecord,
  preflab: parsePreflabRecord,
};

export function detectImportFormat(value: unknown): ImportFormat | null {
  if (looksLikeHhRecord(value)) return "hh-rlhf";
  if (looksLikePreflabRecord(value)) return "preflab";
  return null;
}

export function parseImportRecord(format: ImportFormat, value: unknown): ParsedRecord {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return { errors: [{ message: "expected a JSON object" }] };
  }
  return parsers[format](value);
}
