// Exported files read back as the JSONL rows they should equal: Parquet and CSV rows (as DuckDB gives
// them) typed by the export's schema.
import type { Column } from "@/lib/exports/formats/format";

export type Record_ = Record<string, unknown>;

export function jsonlRecords(bytes: Buffer): Record_[] {
  return bytes
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as Record_);
}

// DuckDB prints timestamps as "2026-03-02 09:01:00.007" (UTC, from TIMESTAMP_MILLIS).
const isoTimestamp = (text: string) => new Date(`${text.replace(" ", "T").replace(/(\+00(:00)?)?$/, "")}Z`).toISOString();

/** A Parquet row as JSONL gives it: JSON columns are JSON text, timestamps come back as text. */
export function fromParquet(schema: Column[], row: Record_): Record_ {
  return Object.fromEntries(
    schema.map(({ name, type }) => {
      const value = row[name];
      if (value === null) return [name, null];
      if (type === "json") return [name, JSON.parse(value as string)];
      if (type === "timestamp") return [name, isoTimestamp(value as string)];
      return [name, value];
    }),
  );
}

/** A CSV row read as text, typed by the export's schema. */
export function fromCsv(schema: Column[], row: Record_): Record_ {
  return Object.fromEntries(
    schema.map(({ name, type }) => {
      const value = row[name] as string | null;
      if (value === null) return [name, null];
      if (type === "json") return [name, JSON.parse(value)];
      if (type === "int" || type === "float") return [name, Number(value)];
      if (type === "bool") return [name, value === "true" ? true : value === "false" ? false : value];
      return [name, value];
    }),
  );
}
