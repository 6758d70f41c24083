// How one value of a typed column is written in each file type.
import type { ColumnType } from "@/lib/exports/formats/format";
import { toJsonText } from "@/lib/formats/json-line";

/** JSONL: nested values stay nested; timestamps become ISO strings. */
export function jsonValue(type: ColumnType, value: unknown): string {
  if (value === null || value === undefined) return "null";
  if (type === "timestamp") return JSON.stringify((value as Date).toISOString());
  if (type === "json") return toJsonText(value);
  return JSON.stringify(value);
}

/** CSV and Parquet: nested values as compact JSON text. */
export function flatValue(type: ColumnType, value: unknown): string | number | boolean | Date | null {
  if (value === null || value === undefined) return null;
  if (type === "json") return JSON.stringify(value);
  return value as string | number | boolean | Date;
}

// Spreadsheets run a cell that starts with one of these as a formula (CSV injection: `=HYPERLINK(...)`
// in a rationale). Tab and carriage return are on OWASP's list because some spreadsheets skip them first.
export const FORMULA_TRIGGERS = ["=", "+", "-", "@", "\t", "\r"];
export const FORMULA_ESCAPE = "'";

/** Text a spreadsheet shows as text: a leading formula character is escaped with `'`. */
export function spreadsheetSafeText(text: string): string {
  return text.length > 0 && FORMULA_TRIGGERS.includes(text[0]) ? `${FORMULA_ESCAPE}${text}` : text;
}
