import "server-only";
import { randomUUID } from "node:crypto";
import type { Readable } from "node:stream";
import type pg from "pg";
import { pool } from "@/lib/db/prisma";
import { AppError, type ErrorDetail } from "@/lib/errors";
import { detectImportFormat, IMPORT_FORMATS, parseImportRecord, type ImportFormat } from "@/lib/formats/import-formats";
import type { ItemInput } from "@/lib/formats/item";
import { readJsonlLines } from "@/lib/formats/jsonl-lines";
import type { Actor } from "@/lib/data/users";
import { findProjectBySlug } from "@/lib/data/projects";

/** Errors kept for the report; a file with more still stores nothing, and the total is given. */
export const MAX_REPORTED_ERRORS = 1000;
const INSERT_CHUNK = 500;

export type ImportResult = { batchId: string; batchName: string; format: ImportFormat; itemCount: number };
export type ImportProgress = { lines: number; items: number };

type ImportOptions = {
  actor: Actor;
  projectSlug: string;
  source: Readable | AsyncIterable<Uint8Array>;
  batchName: string;
  format?: ImportFormat | "auto";
  onProgress?: (progress: ImportProgress) => void;
};

/**
 * Streams a JSONL file into a new batch inside one transaction. Valid items are inserted as they
 * come so memory stays flat; at the first bad line inserting stops, reading goes on to report every
 * error, and the transaction is rolled back: a file with any bad line stores nothing.
 */
export async function importItems(options: ImportOptions): Promise<ImportResult> {
  const project = await findProjectBySlug({ slug: options.projectSlug });
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const result = await importWithin(client, project, options);
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  } finally {
    client.release();
  }
}

type ProjectRef = { id: string; judgmentKind: "PAIRWISE" | "RANKING" };

async function importWithin(client: pg.PoolClient, project: ProjectRef, options: ImportOptions): Promise<ImportResult> {
  const batchId = randomUUID();
  const errors: ErrorDetail[] = [];
  let badLines = 0;
  let format = options.format && options.format !== "auto" ? options.format : null;
  let pending: { position: number; item: ItemInput }[] = [];
  let itemCount = 0;
  let lines = 0;
  let batchInserted = false;

  const refuseLine = (line: number, problems: { field?: string; message: string }[]) => {
    badLines++;
    for (const problem of problems) if (errors.length < MAX_REPORTED_ERRORS) errors.push({ line, ...problem });
  };
  const flush = async () => {
    if (!batchInserted) await insertBatch(client, { batchId, project, options, format: format! });
    batchInserted = true;
    if (pending.length > 0) await insertItems(client, { batchId, projectId: project.id, rows: pending });
    pending = [];
    options.onProgress?.({ lines, items: itemCount });
  };

  for await (const entry of readJsonlLines(options.source)) {
    lines = entry.line;
    if ("error" in entry) {
      refuseLine(entry.line, [{ message: entry.error }]);
      continue;
    }
    format ??= detectImportFormat(entry.value);
    if (!format) {
      refuseLine(entry.line, [{ message: `cannot tell the format: expected ${IMPORT_FORMATS.join(" or ")} fields ("chosen"/"rejected", or "responses")` }]);
      break;
    }
    const parsed = parseImportRecord(format, entry.value);
    const problems = "errors" in parsed ? parsed.errors : itemProblems(project, parsed.item);
    if (problems.length > 0) refuseLine(entry.line, problems);
    // After the first bad line nothing more is written: the rest is only read for its errors.
    if (badLines > 0 || !("item" in parsed)) continue;
    pending.push({ position: entry.line, item: parsed.item });
    itemCount++;
    if (pending.length >= INSERT_CHUNK) await flush();
  }

  if (badLines > 0) {
    const shown = errors.length < MAX_REPORTED_ERRORS ? "" : ` (the first ${MAX_REPORTED_ERRORS} errors are listed)`;
    throw new AppError("INVALID_FILE", `The file has ${badLines} bad line${badLines === 1 ? "" : "s"}; nothing was imported${shown}`, errors);
  }
  if (itemCount === 0) throw new AppError("INVALID_FILE", "The file has no items; nothing was imported", [{ message: "no items" }]);
  await flush();
  await client.query("UPDATE batches SET item_count = $2 WHERE id = $1", [batchId, itemCount]);
  return { batchId, batchName: options.batchName, format: format!, itemCount };
}

/** What the format allows but this project or PostgreSQL does not. */
function itemProblems(project: ProjectRef, item: ItemInput): { field?: string; message: string }[] {
  const problems = [];
  if (project.judgmentKind === "PAIRWISE" && item.candidates.length !== 2) {
    problems.push({ field: "responses", message: `this project compares pairs: expected 2 responses, got ${item.candidates.length}` });
  }
  item.context.forEach((message, i) => {
    if (message.content.includes("\u0000")) problems.push({ field: `messages[${i}].content`, message: NUL_MESSAGE });
  });
  item.candidates.forEach((candidate, i) => {
    if (candidate.text.includes("\u0000")) problems.push({ field: `responses[${i}].text`, message: NUL_MESSAGE });
  });
  return problems;
}

const NUL_MESSAGE = "contains a NUL character (\\u0000), which cannot be stored";

async function insertBatch(
  client: pg.PoolClient,
  { batchId, project, options, format }: { batchId: string; project: ProjectRef; options: ImportOptions; format: ImportFormat },
) {
  await client.query(
    `INSERT INTO batches (id, project_id, name, status, source_format, created_by_id) VALUES ($1, $2, $3, 'ACTIVE', $4, $5)`,
    [batchId, project.id, options.batchName, format, options.actor.id],
  );
}

// One multi-row INSERT per table per chunk, through unnest() of parallel arrays: a handful of round
// trips for hundreds of items instead of one per row.
async function insertItems(
  client: pg.PoolClient,
  { batchId, projectId, rows }: { batchId: string; projectId: string; rows: { position: number; item: ItemInput }[] },
) {
  const itemIds = rows.map(() => randomUUID());
  await client.query(
    `INSERT INTO items (id, project_id, batch_id, position, external_id, context, meta)
     SELECT id, $1, $2, position, external_id, context, meta
     FROM unnest($3::uuid[], $4::int[], $5::text[], $6::jsonb[], $7::jsonb[]) AS t(id, position, external_id, context, meta)`,
    [
      projectId,
      batchId,
      itemIds,
      rows.map((r) => r.position),
      rows.map((r) => r.item.externalId),
      rows.map((r) => JSON.stringify(r.item.context)),
      rows.map((r) => JSON.stringify(r.item.meta)),
    ],
  );
  const candidates = rows.flatMap((row, i) => row.item.candidates.map((candidate, position) => ({ itemId: itemIds[i], position, candidate })));
  await client.query(
    `INSERT INTO candidates (item_id, position, text, model, meta, reference_rank)
     SELECT * FROM unnest($1::uuid[], $2::int[], $3::text[], $4::text[], $5::jsonb[], $6::int[])`,
    [
      candidates.map((c) => c.itemId),
      candidates.map((c) => c.position),
      candidates.map((c) => c.candidate.text),
      candidates.map((c) => c.candidate.model),
      candidates.map((c) => JSON.stringify(c.candidate.meta)),
      candidates.map((c) => c.candidate.referenceRank),
    ],
  );
}
