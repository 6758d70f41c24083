import type { Row } from "@/lib/exports/formats/format";

export type Split = "train" | "test";

/** Where an export's rows go: a file type's encoder. */
export type RowWriter = {
  write(row: Row, split: Split): Promise<void>;
  finish(): Promise<void>;
  /** After a failure, frees what the writer holds (temporary files); finish() is then never called. */
  abort?(): Promise<void>;
};
