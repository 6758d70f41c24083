// The shape every export format has: its columns (in order, typed for CSV and Parquet) and the rows
// a preference (or, for raw judgments, an item; for live conversations, a conversation) gives.
import type { AnnotatorQuality } from "@/lib/exports/export-quality";
import type { ExportConversation } from "@/lib/exports/export-conversation";
import type { ExportOptions } from "@/lib/exports/export-options";
import type { ExportItem } from "@/lib/exports/export-item";
import type { LeftOut } from "@/lib/exports/left-out";
import type { Preference } from "@/lib/exports/preferences";

/** json: nested values, native in JSONL, JSON text in CSV and Parquet. */
export type ColumnType = "string" | "json" | "int" | "float" | "bool" | "timestamp";

export type Column = { name: string; type: ColumnType; nullable?: boolean };

export type Row = unknown[];

export type FormatContext = {
  options: ExportOptions;
  leftOut: LeftOut;
  /** A pseudonym for a worker, stable within this export: annotator-0001 for the first one met. */
  annotator: (workerId: string) => string;
  /** The judgments format: the worker's quality figures in the project (lib/exports/export-quality.ts). */
  annotatorQuality?: (project: string, workerId: string) => AnnotatorQuality | null;
};

export type ExportFormatDefinition = {
  /** Raw formats read items' judgments as they are, the conversations format whole conversations; the others read aggregated preferences. */
  reads: "preferences" | "judgments" | "conversations";
  columns: (options: ExportOptions) => Column[];
  rowsOfPreference?: (preference: Preference, context: FormatContext) => Row[];
  rowsOfItem?: (item: ExportItem, context: FormatContext) => Row[];
  rowsOfConversation?: (conversation: ExportConversation, context: FormatContext) => Row[];
};
