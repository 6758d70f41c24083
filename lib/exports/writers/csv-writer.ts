import { stringify } from "csv-stringify";
import type { Column, Row } from "@/lib/exports/formats/format";
import { flatValue } from "@/lib/exports/writers/cell-values";
import { pipeInto, type ByteOutput } from "@/lib/exports/writers/byte-output";
import type { RowWriter } from "@/lib/exports/writers/row-writer";
import { once } from "node:events";

/** RFC 4180 CSV with a header row; nested values as JSON text, timestamps as ISO strings. */
export function csvWriter(columns: Column[], output: ByteOutput): RowWriter {
  const stringifier = stringify({
    header: true,
    columns: columns.map((column) => column.name),
    cast: { date: (value) => value.toISOString(), boolean: (value) => (value ? "true" : "false") },
  });
  const piped = pipeInto(stringifier, output);
  return {
    async write(row: Row) {
      if (!stringifier.write(columns.map((column, i) => flatValue(column.type, row[i])))) await once(stringifier, "drain");
    },
    async finish() {
      stringifier.end();
      await piped;
    },
  };
}
