// A Hugging Face datasets folder, zipped: one Parquet file per split under data/, a README.md
// dataset card whose YAML `configs` block tells `load_dataset` where the splits are, and the
// export's manifest. The Parquet files are written to a temporary folder first (a zip holds one
// entry at a time), then zipped with fixed timestamps so the same export gives the same bytes. The
// folder is removed however the export ends.
import { createWriteStream } from "node:fs";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { once } from "node:events";
import yazl from "yazl";
import type { Column, Row } from "@/lib/exports/formats/format";
import { pipeInto, type ByteOutput } from "@/lib/exports/writers/byte-output";
import { parquetWriter } from "@/lib/exports/writers/parquet-writer";
import type { RowWriter, Split } from "@/lib/exports/writers/row-writer";

const ZIP_TIME = new Date("2000-01-01T00:00:00Z");
const SPLITS: Split[] = ["train", "test"];

export type DatasetCard = { title: string; body: string; manifest: unknown };

function fileSink(file: string) {
  const stream = createWriteStream(file);
  return {
    write: async (chunk: Uint8Array) => {
      if (!stream.write(chunk)) await once(stream, "drain");
    },
    close: () => new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve()))),
    discard: () => new Promise<void>((resolve) => (stream.closed ? resolve() : stream.once("close", () => resolve()).destroy())),
  };
}

function datasetCardText(card: DatasetCard, splits: Split[]): string {
  const files = splits.map((split) => `  - split: ${split}\n    path: data/${split}-*.parquet`).join("\n");
  return `---\nconfigs:\n- config_name: default\n  data_files:\n${files}\n---\n\n# ${card.title}\n\n${card.body}\n`;
}

export async function hfDatasetWriter(columns: Column[], output: ByteOutput, describe: () => DatasetCard): Promise<RowWriter> {
  const folder = await fs.mkdtemp(path.join(os.tmpdir(), "preflab-hf-"));
  const files = new Map(SPLITS.map((split) => [split, path.join(folder, `${split}.parquet`)]));
  const sinks = new Map(SPLITS.map((split) => [split, fileSink(files.get(split)!)]));
  const writers = new Map(SPLITS.map((split) => [split, parquetWriter(columns, sinks.get(split)!.write)]));
  const rows = new Map<Split, number>(SPLITS.map((split) => [split, 0]));
  return {
    async write(row: Row, split: Split) {
      rows.set(split, rows.get(split)! + 1);
      await writers.get(split)!.write(row, split);
    },
    async finish() {
      try {
        // A split with no rows is left out of the dataset, but train is always there.
        const present = SPLITS.filter((split) => split === "train" || rows.get(split)! > 0);
        for (const split of SPLITS) {
          await writers.get(split)!.finish();
          await sinks.get(split)!.close();
        }
        const card = describe();
        const zip = new yazl.ZipFile();
        for (const split of present) zip.addFile(files.get(split)!, `data/${split}-00000-of-00001.parquet`, { mtime: ZIP_TIME, mode: 0o644 });
        zip.addBuffer(Buffer.from(datasetCardText(card, present)), "README.md", { mtime: ZIP_TIME, mode: 0o644 });
        zip.addBuffer(Buffer.from(`${JSON.stringify(card.manifest, null, 2)}\n`), "manifest.json", { mtime: ZIP_TIME, mode: 0o644 });
        zip.end();
        await pipeInto(zip.outputStream, output);
      } finally {
        await fs.rm(folder, { recursive: true, force: true });
      }
    },
    // An export that fails part-way never reaches finish(): its files are closed and the folder removed here.
    async abort() {
      await Promise.all([...sinks.values()].map((sink) => sink.discard()));
      await fs.rm(folder, { recursive: true, force: true });
    },
  };
}
