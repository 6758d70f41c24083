import "server-only";
import { randomUUID } from "node:crypto";
import type pg from "pg";
import type { PositionedItem } from "@/lib/data/imports-scan";
import { storedRole, type ItemRoleName } from "@/lib/formats/reference-preference";

// Items go in by one multi-row INSERT per table per chunk, through unnest() of parallel arrays: a
// handful of round trips for hundreds of items. The content hash is computed by PostgreSQL's
// items_content_hash(), the one definition of it, from the same jsonb the row stores.

const INPUT = `SELECT id, position, external_id, context, meta, reference_note, items_content_hash(context, texts) AS content_hash
  FROM unnest($3::uuid[], $4::int[], $5::text[], $6::jsonb[], $7::jsonb[], $8::jsonb[], $9::text[])
    AS t(id, position, external_id, context, meta, texts, reference_note)`;

// Check items (any role but TASK) are complete from the start: the pick that fills k never hands them
// out, and the open-item counters (triggers at insert) must not count them.
const COLUMNS = "id, project_id, batch_id, position, external_id, context, meta, content_hash, reference_note, role, is_complete";
const VALUES = `id, $1, $2, position, external_id, context, meta, content_hash, reference_note, $10::"ItemRole", $10::"ItemRole" <> 'TASK'`;

const INSERT_ALL = `INSERT INTO items (${COLUMNS}) SELECT ${VALUES} FROM (${INPUT}) input RETURNING id`;

// Items inserted by earlier chunks of this import are visible here (same transaction), so the
// NOT EXISTS covers duplicates within the file across chunks and DISTINCT ON those within a chunk.
const INSERT_NEW = `INSERT INTO items (${COLUMNS})
  SELECT ${VALUES} FROM (
    SELECT DISTINCT ON (content_hash) * FROM (${INPUT}) input
    WHERE NOT EXISTS (SELECT 1 FROM items e WHERE e.project_id = $1 AND e.content_hash = input.content_hash)
    ORDER BY content_hash, position
  ) kept RETURNING id`;

function itemArrays(rows: PositionedItem[], ids: string[]) {
  return [
    ids,
    rows.map((r) => r.position),
    rows.map((r) => r.item.externalId),
    rows.map((r) => JSON.stringify(r.item.context)),
    rows.map((r) => JSON.stringify(r.item.meta)),
    rows.map((r) => JSON.stringify(r.item.candidates.map((c) => c.text))),
    rows.map((r) => r.item.referenceNote ?? null),
  ];
}

/** Inserts a chunk; returns how many items were stored (fewer than given when duplicates are skipped). */
export async function insertItemChunk(
  client: pg.PoolClient,
  {
    projectId,
    batchId,
    rows,
    skipDuplicates,
    role,
  }: { projectId: string; batchId: string; rows: PositionedItem[]; skipDuplicates: boolean; role: ItemRoleName },
): Promise<number> {
  const ids = rows.map(() => randomUUID());
  const inserted = await client.query<{ id: string }>(skipDuplicates ? INSERT_NEW : INSERT_ALL, [
    projectId,
    batchId,
    ...itemArrays(rows, ids),
    storedRole(role),
  ]);
  const kept = new Set(inserted.rows.map((row) => row.id));
  const candidates = rows.flatMap((row, i) =>
    kept.has(ids[i]) ? row.item.candidates.map((candidate, position) => ({ itemId: ids[i], position, candidate })) : [],
  );
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
  return kept.size;
}

/** A session-local table of the file's content hashes, for counting duplicates without holding them in memory. */
export async function createHashTable(client: pg.PoolClient) {
  await client.query("CREATE TEMP TABLE import_hashes (content_hash text NOT NULL, in_project boolean NOT NULL) ON COMMIT DROP");
}

export async function recordChunkHashes(client: pg.PoolClient, { projectId, rows }: { projectId: string; rows: PositionedItem[] }) {
  await client.query(
    `INSERT INTO import_hashes (content_hash, in_project)
     SELECT h, EXISTS (SELECT 1 FROM items e WHERE e.project_id = $1 AND e.content_hash = h)
     FROM (SELECT items_content_hash(c, t) AS h FROM unnest($2::jsonb[], $3::jsonb[]) AS u(c, t)) hashes`,
    [projectId, rows.map((r) => JSON.stringify(r.item.context)), rows.map((r) => JSON.stringify(r.item.candidates.map((c) => c.text)))],
  );
}

/** Items equal to one already in the project, and repeats within the file of items new to it. */
export async function countDuplicates(client: pg.PoolClient): Promise<{ inProject: number; inFile: number }> {
  const { rows } = await client.query<{ in_project: string; in_file: string }>(
    `SELECT count(*) FILTER (WHERE in_project) AS in_project,
            count(*) FILTER (WHERE NOT in_project) - count(DISTINCT content_hash) FILTER (WHERE NOT in_project) AS in_file
     FROM import_hashes`,
  );
  return { inProject: Number(rows[0].in_project), inFile: Number(rows[0].in_file) };
}

/** The audit row goes through the import's own connection so it commits or rolls back with the batch. */
export async function insertImportAudit(client: pg.PoolClient, { actorId, batchId, after }: { actorId: string; batchId: string; after: object }) {
  await client.query(`INSERT INTO audit_events (actor_id, action, target_type, target_id, after) VALUES ($1, 'batch.import', 'batch', $2, $3::jsonb)`, [
    actorId,
    batchId,
    JSON.stringify(after),
  ]);
}
