// One export from start to end: read the snapshot, turn items into rows, encode them, and say what
// was done. A pure function of the stored data and the options: the same snapshot and options
// give the same bytes.
import { createHash } from "node:crypto";
import { once } from "node:events";
import type { Writable } from "node:stream";
import zlib from "node:zlib";
import type pg from "pg";
import { setTransactionLimits } from "@/lib/db/session-limits";
import { rollbackAndRelease } from "@/lib/db/sql-runner";
import { normaliseOptions, type ExportOptions } from "@/lib/exports/export-options";
import { readExportConversations, workersInJudgmentsOrder } from "@/lib/exports/conversation-source";
import type { ExportItem } from "@/lib/exports/export-item";
import { readExportItems } from "@/lib/exports/export-source";
import { readExportQuality } from "@/lib/exports/export-quality";
import { ExportTally, type ExportProgress } from "@/lib/exports/export-tally";
import { LEFT_OUT } from "@/lib/exports/left-out";
import { conversationJudgments } from "@/lib/exports/formats/conversations-format";
import type { Column, Row } from "@/lib/exports/formats/format";
import { EXPORT_FORMAT_DEFINITIONS } from "@/lib/exports/formats/registry";
import { PREFLAB_VERSION, type ExportManifest } from "@/lib/exports/manifest";
import { preferencesFor } from "@/lib/exports/preferences";
import { ByteOutput, pipeInto } from "@/lib/exports/writers/byte-output";
import { csvWriter } from "@/lib/exports/writers/csv-writer";
import { hfDatasetWriter } from "@/lib/exports/writers/hf-dataset-writer";
import { jsonlWriter } from "@/lib/exports/writers/jsonl-writer";
import { parquetWriter } from "@/lib/exports/writers/parquet-writer";
import type { RowWriter, Split } from "@/lib/exports/writers/row-writer";

export type { ExportProgress };

/**
 * Train or test by a hash of an id: stable across exports, options and versions. Items are split by
 * their own id, except a live conversation's, which go by the conversation's id: its later turns
 * contain its earlier ones, so a conversation split between train and test would leak the one into
 * the other.
 */
export function splitOf(id: string, testFraction: number): Split {
  if (testFraction <= 0) return "train";
  const bucket = createHash("sha256").update(id).digest().readUInt32BE(0) / 2 ** 32;
  return bucket < testFraction ? "test" : "train";
}

export function exportColumns(options: ExportOptions): Column[] {
  const columns = EXPORT_FORMAT_DEFINITIONS[options.format].columns(options);
  // Single files say each row's split; a dataset folder has a file per split instead.
  return options.testFraction > 0 && options.fileType !== "hf-dataset" ? [...columns, { name: "split", type: "string" }] : columns;
}

async function openRowWriter(
  options: ExportOptions,
  columns: Column[],
  output: ByteOutput,
  describe: () => Omit<ExportManifest, "file">,
): Promise<{ writer: RowWriter; done: () => Promise<void>; describeFile?: () => Pick<ExportManifest, "csv"> }> {
  switch (options.fileType) {
    case "jsonl":
      return { writer: jsonlWriter(columns, (chunk) => output.write(chunk)), done: async () => {} };
    case "jsonl.gz": {
      const gzip = zlib.createGzip({ level: 6 });
      const piped = pipeInto(gzip, output);
      // Awaited in done(); until then its failure is the output's, which the export already races against.
      piped.catch(() => undefined);
      const writer = jsonlWriter(columns, async (chunk) => {
        if (!gzip.write(chunk)) await once(gzip, "drain");
      });
      return { writer, done: async () => void (gzip.end(), await piped) };
    }
    case "csv": {
      const writer = csvWriter(columns, output);
      return { writer, done: async () => {}, describeFile: () => ({ csv: writer.formulaEscaping() }) };
    }
    case "parquet":
      return { writer: parquetWriter(columns, (chunk) => output.write(chunk)), done: async () => {} };
    case "hf-dataset": {
      const card = () => {
        const manifest = describe();
        return {
          title: `${manifest.options.projects.join(", ")}: ${manifest.format === "conversations" ? "live conversations" : `${manifest.format} preference data`}`,
          body: `Exported by Preflab ${PREFLAB_VERSION} in the \`${manifest.format}\` format: ${manifest.counts.rowsBySplit.train} train and ${manifest.counts.rowsBySplit.test} test rows from ${manifest.counts.judgmentsIncluded} judgments. See manifest.json for the options and for what was left out and why.`,
          manifest,
        };
      };
      return { writer: await hfDatasetWriter(columns, output, card), done: async () => {} };
    }
  }
}

/**
 * What the export reads, a unit at a time: an item (or a conversation) and the rows it gives, with
 * the id its split is drawn from. Counts what was read on the way.
 */
async function* exportUnits(client: pg.ClientBase, options: ExportOptions, tally: ExportTally): AsyncGenerator<{ rows: Row[]; splitKey: string }> {
  const definition = EXPORT_FORMAT_DEFINITIONS[options.format];
  const { context, leftOut } = tally;
  if (definition.reads === "conversations") {
    tally.numberWorkers(await workersInJudgmentsOrder(client, options));
    for await (const conversation of readExportConversations(client, options)) {
      tally.readConversation();
      tally.readItems(conversation.turns.length + conversation.turns.filter((turn) => turn.edited).length, conversationJudgments(conversation));
      yield { rows: definition.rowsOfConversation!(conversation, context), splitKey: conversation.id };
    }
    return;
  }
  // Rows of the preference formats; the annotators counted are those behind a row that was written.
  const preferenceRows = (item: ExportItem): Row[] =>
    preferencesFor(item, options, leftOut).flatMap((preference) => {
      const rows = definition.rowsOfPreference!(preference, context);
      if (rows.length > 0) for (const judgment of preference.judgments) context.annotator(judgment.workerId);
      return rows;
    });
  for await (const item of readExportItems(client, options)) {
    tally.readItems(1, item.judgments.length);
    if (item.role !== "TASK" && !options.includeChecks) {
      // Read, and counted in the manifest, so that read = included + left out still holds.
      leftOut.judgment(LEFT_OUT.checkItem, item.judgments.length);
      continue;
    }
    const rows = definition.reads === "judgments" ? definition.rowsOfItem!(item, context) : preferenceRows(item);
    yield { rows, splitKey: item.conversationId ?? item.itemId };
  }
}

// A background to the stall limit: should the export's own watch on its reader ever miss, PostgreSQL
// still ends the session a little later, with the snapshot it holds.
const IDLE_BEYOND_STALL_MS = 30_000;

type SnapshotRead = {
  pool: pg.Pool;
  options: ExportOptions;
  tally: ExportTally;
  splitColumn: boolean;
  stallTimeoutMs?: number;
  write: (row: Row, split: Split) => Promise<void>;
  onProgress?: (progress: ExportProgress) => void;
};

/** Reads the export's units in one read-only snapshot and hands on their rows; the connection goes back however it ends. */
async function readSnapshot({ pool, options, tally, splitColumn, stallTimeoutMs, write, onProgress }: SnapshotRead): Promise<void> {
  const client = await pool.connect();
  let finished = false;
  try {
    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    // The first page of a large export may take longer than a request's statement limit; the session
    // goes idle only while it waits for its reader, which the stall limit already bounds.
    await setTransactionLimits(client, { statementMs: 0, idleInTransactionMs: stallTimeoutMs && stallTimeoutMs + IDLE_BEYOND_STALL_MS });
    tally.useQuality(await readExportQuality(client, options));
    for await (const { rows, splitKey } of exportUnits(client, options, tally)) {
      const split = splitOf(splitKey, options.testFraction);
      for (const row of rows) {
        await write(splitColumn ? [...row, split] : row, split);
        tally.wroteRow(split);
      }
      onProgress?.(tally.progress());
    }
    await client.query("COMMIT");
    finished = true;
  } finally {
    if (finished) client.release();
    else await rollbackAndRelease(client);
  }
}

export async function runExport({
  pool,
  options: requested,
  destination,
  onProgress,
  stallTimeoutMs,
}: {
  pool: pg.Pool;
  options: ExportOptions;
  destination: Writable;
  onProgress?: (progress: ExportProgress) => void;
  /** Give up when the destination takes nothing for this long (a download that stopped reading). */
  stallTimeoutMs?: number;
}): Promise<ExportManifest> {
  const options = normaliseOptions(requested);
  const columns = exportColumns(options);
  const tally = new ExportTally(options, columns);
  const output = new ByteOutput(destination, stallTimeoutMs);
  const { writer, done, describeFile } = await openRowWriter(options, columns, output, () => tally.describe());
  // Once the destination fails, an encoder's wait for its own drain would never end: stop waiting too.
  const delivered = <T>(work: Promise<T>) => Promise.race([work, output.failed]);
  try {
    const write = (row: Row, split: Split) => delivered(writer.write(row, split));
    await readSnapshot({ pool, options, tally, splitColumn: columns.at(-1)?.name === "split", stallTimeoutMs, write, onProgress });
    await delivered(writer.finish());
    await delivered(done());
  } catch (error) {
    await writer
      .abort?.()
      .catch((abortError: unknown) => console.error(`[exports] could not clean up after a failed export: ${(abortError as Error).message}`));
    throw error;
  }
  return { ...tally.describe(), ...describeFile?.(), file: { bytes: output.bytes, sha256: output.sha256() } };
}
