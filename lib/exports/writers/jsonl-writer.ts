import type { Column, Row } from "@/lib/exports/formats/format";
import { jsonValue } from "@/lib/exports/writers/cell-values";
import type { RowWriter } from "@/lib/exports/writers/row-writer";

const CHUNK_CHARS = 64 * 1024;

/**
 * One JSON object a line, keys in column order, in the layout Python's json.dumps writes (", " and
 * ": "), so records compare byte for byte with published datasets. Lines are gathered into chunks:
 * one write per line would cost more than building it.
 */
export function jsonlWriter(columns: Column[], write: (chunk: Uint8Array) => Promise<void>): RowWriter {
  const keys = columns.map((column) => `${JSON.stringify(column.name)}: `);
  let pending = "";
  const flush = async () => {
    if (pending) await write(Buffer.from(pending, "utf8"));
    pending = "";
  };
  return {
    async write(row: Row) {
      let line = "{";
      for (let i = 0; i < columns.length; i++) line += (i === 0 ? "" : ", ") + keys[i] + jsonValue(columns[i].type, row[i]);
      pending += `${line}}\n`;
      if (pending.length >= CHUNK_CHARS) await flush();
    },
    finish: flush,
  };
}
