import { stringify } from "csv-stringify";
import type { Column, Row } from "@/lib/exports/formats/format";
import { flatValue, FORMULA_ESCAPE, FORMULA_TRIGGERS, spreadsheetSafeText } from "@/lib/exports/writers/cell-values";
import { pipeInto, type ByteOutput } from "@/lib/exports/writers/byte-output";
import type { RowWriter } from "@/lib/exports/writers/row-writer";
import { once } from "node:events";

/** What a CSV export says in its manifest about the cells it escaped. */
export type CsvFormulaEscaping = { formulaPrefix: string; escapedLeadingCharacters: string[]; escapedCells: number };

export type CsvWriter = RowWriter & { formulaEscaping(): CsvFormulaEscaping };

/**
 * RFC 4180 CSV with a header row; nested values as JSON text, timestamps as ISO strings. Text cells that
 * a spreadsheet would run as a formula are escaped (worker rationales and model outputs are anyone's
 * text); numbers, booleans, timestamps and JSON text are written as they are, so a strength of -3 stays -3.
 */
export function csvWriter(columns: Column[], output: ByteOutput): CsvWriter {
  const stringifier = stringify({
    header: true,
    columns: columns.map((column) => column.name),
    cast: { date: (value) => value.toISOString(), boolean: (value) => (value ? "true" : "false") },
  });
  const piped = pipeInto(stringifier, output);
  // Awaited in finish(); until then its failure is the output's, which the export already races against.
  piped.catch(() => undefined);
  let escapedCells = 0;
  const cell = (column: Column, value: unknown) => {
    const flat = flatValue(column.type, value);
    if (column.type !== "string" || typeof flat !== "string") return flat;
    const safe = spreadsheetSafeText(flat);
    if (safe !== flat) escapedCells++;
    return safe;
  };
  return {
    async write(row: Row) {
      if (!stringifier.write(columns.map((column, i) => cell(column, row[i])))) await once(stringifier, "drain");
    },
    async finish() {
      stringifier.end();
      await piped;
    },
    formulaEscaping: () => ({ formulaPrefix: FORMULA_ESCAPE, escapedLeadingCharacters: FORMULA_TRIGGERS, escapedCells }),
  };
}
