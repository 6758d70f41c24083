// What an export says about itself: enough to reproduce it and to know what it left out and why.
import type { ReleaseGate } from "@/lib/exports/export-quality";
import packageJson from "@/package.json";
import type { ExportOptions } from "@/lib/exports/export-options";
import type { Column } from "@/lib/exports/formats/format";
import type { CsvFormulaEscaping } from "@/lib/exports/writers/csv-writer";

export type ExportCounts = {
  items: number;
  annotators: number;
  judgmentsRead: number;
  judgmentsIncluded: number;
  /** Whole judgments not used, by reason; judgmentsRead = judgmentsIncluded + the sum of these. */
  judgmentsLeftOut: Record<string, number>;
  rows: number;
  rowsBySplit: { train: number; test: number };
  /** Rows used judgments could have given but did not, by reason. */
  rowsLeftOut: Record<string, number>;
  /** The conversations format only: read = included + the sum of leftOut. */
  conversations?: ConversationCounts;
};

export type ConversationCounts = {
  read: number;
  included: number;
  /** Whole conversations not written, by reason. */
  leftOut: Record<string, number>;
  /** Turns of written conversations that are not in their rows, by reason (not answered yet, or ever). */
  turnsLeftOut: Record<string, number>;
};

export type ExportManifest = {
  preflab: string;
  format: ExportOptions["format"];
  fileType: ExportOptions["fileType"];
  options: ExportOptions;
  schema: Column[];
  counts: ExportCounts;
  /** CSV only: text cells a spreadsheet would run as formulas were written with this prefix. */
  csv?: CsvFormulaEscaping;
  /** Asked for with the releaseGate option: each project's nominal alpha against 0.667, and whether all pass. */
  releaseGate?: ReleaseGate;
  /** The delivered file; absent from the copy inside a dataset zip, which cannot hash itself. */
  file?: { bytes: number; sha256: string };
};

export const PREFLAB_VERSION = packageJson.version;

/** Reasons in a fixed order, so the manifest's bytes depend on the counts only. */
export function sortedCounts(counts: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(counts).sort(([a], [b]) => a.localeCompare(b)));
}
