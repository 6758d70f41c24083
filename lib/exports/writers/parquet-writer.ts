// Parquet through hyparquet-writer, written a row group at a time so memory stays flat: each
// finished row group is handed to the output before the next one is gathered.
import { ByteWriter, ParquetWriter } from "hyparquet-writer";
import type { Column, ColumnType, Row } from "@/lib/exports/formats/format";
import { flatValue } from "@/lib/exports/writers/cell-values";
import type { RowWriter } from "@/lib/exports/writers/row-writer";

const ROW_GROUP_ROWS = 10_000;

type SchemaElement = ConstructorParameters<typeof ParquetWriter>[0]["schema"][number];

// Nested values are JSON text in a plain UTF-8 column: every reader (pandas, pyarrow, DuckDB,
// Hugging Face datasets) reads that, where the JSON logical type still varies between readers.
const PHYSICAL: Record<ColumnType, Omit<SchemaElement, "name" | "repetition_type">> = {
  string: { type: "BYTE_ARRAY", converted_type: "UTF8" },
  json: { type: "BYTE_ARRAY", converted_type: "UTF8" },
  int: { type: "INT32" },
  float: { type: "DOUBLE" },
  bool: { type: "BOOLEAN" },
  timestamp: { type: "INT64", converted_type: "TIMESTAMP_MILLIS" },
};

export function parquetSchema(columns: Column[]): SchemaElement[] {
  return [
    { name: "root", num_children: columns.length },
    ...columns.map((column) => ({ name: column.name, repetition_type: column.nullable ? "OPTIONAL" : "REQUIRED", ...PHYSICAL[column.type] }) as SchemaElement),
  ];
}

/** A ByteWriter that hands its bytes on at every flush (after each row group) and at the end. */
class StreamingByteWriter extends ByteWriter {
  constructor(private readonly sink: (chunk: Uint8Array) => Promise<void>) {
    super(1 << 20);
  }

  flush(): Promise<void> {
    const chunk = new Uint8Array(this.buffer.slice(0, this.index));
    this.index = 0;
    return this.sink(chunk);
  }

  finish(): Promise<void> {
    return this.flush();
  }
}

export function parquetWriter(columns: Column[], write: (chunk: Uint8Array) => Promise<void>): RowWriter {
  const writer = new ParquetWriter({ writer: new StreamingByteWriter(write), schema: parquetSchema(columns), createdBy: "preflab", statistics: false });
  let buffered: unknown[][] = columns.map(() => []);
  let count = 0;
  const flushGroup = async () => {
    if (count === 0) return;
    const columnData = columns.map((column, i) => ({ name: column.name, data: buffered[i] }));
    buffered = columns.map(() => []);
    const rows = count;
    count = 0;
    await writer.write({ columnData, rowGroupSize: rows });
  };
  return {
    async write(row: Row) {
      columns.forEach((column, i) => buffered[i].push(flatValue(column.type, row[i])));
      if (++count >= ROW_GROUP_ROWS) await flushGroup();
    },
    async finish() {
      await flushGroup();
      await writer.finish();
    },
  };
}
