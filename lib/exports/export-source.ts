// Reads the judgments an export covers through a cursor, inside one repeatable-read snapshot, and
// hands them on grouped by item. Memory holds one cursor page, whatever the row count.
import type pg from "pg";
import Cursor from "pg-cursor";
import type { ExportOptions } from "@/lib/exports/export-options";
import type { ExportItem, ExportJudgment } from "@/lib/exports/export-item";

const CURSOR_ROWS = 2000;

type Row = {
  item_id: string;
  external_id: string | null;
  project: string;
  polarity: ExportItem["polarity"];
  scale: ExportItem["scale"];
  batch_id: string;
  position: number;
  context: ExportItem["context"];
  candidates: ExportItem["candidates"];
  judgment_id: string;
  worker_id: string;
  worker_blocked: boolean;
  ranking: string[][];
  strength: number | null;
  both_bad: boolean;
  flags: Record<string, string[]>;
  rationale: string | null;
  time_spent_ms: number;
  assigned_at: Date;
  created_at: Date;
  display_order: string[];
};

// Filters are SQL so that what is not asked for is never read. Dates are whole UTC days.
function whereClause(options: ExportOptions): { sql: string; params: unknown[] } {
  const params: unknown[] = [options.projects];
  const conditions = ["p.slug = ANY($1::text[])"];
  if (options.batches.length > 0) {
    params.push(options.batches);
    conditions.push(`b.id = ANY($${params.length}::uuid[])`);
  }
  if (options.from) {
    params.push(options.from);
    conditions.push(`j.created_at >= $${params.length}::date`);
  }
  if (options.to) {
    params.push(options.to);
    conditions.push(`j.created_at < $${params.length}::date + 1`);
  }
  return { sql: conditions.join(" AND "), params };
}

const FROM = `
  FROM judgments j
  JOIN items i ON i.id = j.item_id
  JOIN batches b ON b.id = i.batch_id
  JOIN projects p ON p.id = i.project_id
  JOIN assignments a ON a.id = j.assignment_id
  JOIN users u ON u.id = j.worker_id`;

/** How many judgments the export will read: the denominator of its progress. */
export async function countExportJudgments(client: pg.ClientBase, options: ExportOptions): Promise<number> {
  const where = whereClause(options);
  const { rows } = await client.query<{ n: number }>(`SELECT count(*)::int AS n ${FROM} WHERE ${where.sql}`, where.params);
  return rows[0].n;
}

/** Items in a fixed order (project, batch, position), each with its judgments in the order given. */
export async function* readExportItems(client: pg.ClientBase, options: ExportOptions): AsyncGenerator<ExportItem> {
  const where = whereClause(options);
  const cursor = client.query(
    new Cursor<Row>(
      `SELECT i.id AS item_id, i.external_id, p.slug AS project, p.polarity, p.pairwise_scale AS scale,
              b.id AS batch_id, i.position, i.context,
              (SELECT json_agg(json_build_object('id', c.id, 'text', c.text, 'model', c.model) ORDER BY c.position)
                 FROM candidates c WHERE c.item_id = i.id) AS candidates,
              j.id AS judgment_id, j.worker_id, u.blocked_at IS NOT NULL AS worker_blocked,
              j.ranking, j.strength, j.both_bad, j.flags, j.rationale, j.time_spent_ms,
              a.created_at AS assigned_at, j.created_at, a.display_order
       ${FROM}
       WHERE ${where.sql}
       ORDER BY p.slug, b.created_at, b.id, i.position, j.created_at, j.id`,
      where.params,
    ),
  );
  try {
    let current: ExportItem | null = null;
    for (let rows = await cursor.read(CURSOR_ROWS); rows.length > 0; rows = await cursor.read(CURSOR_ROWS)) {
      for (const row of rows) {
        if (current?.itemId !== row.item_id) {
          if (current) yield current;
          current = toItem(row);
        }
        current.judgments.push(toJudgment(row));
      }
    }
    if (current) yield current;
  } finally {
    await cursor.close();
  }
}

function toItem(row: Row): ExportItem {
  return {
    itemId: row.item_id,
    externalId: row.external_id,
    project: row.project,
    polarity: row.polarity,
    scale: row.scale,
    batchId: row.batch_id,
    position: row.position,
    context: row.context,
    candidates: row.candidates,
    judgments: [],
  };
}

function toJudgment(row: Row): ExportJudgment {
  return {
    id: row.judgment_id,
    workerId: row.worker_id,
    workerBlocked: row.worker_blocked,
    ranking: row.ranking,
    strength: row.strength,
    bothBad: row.both_bad,
    flags: row.flags,
    rationale: row.rationale,
    timeSpentMs: row.time_spent_ms,
    assignedAt: row.assigned_at,
    createdAt: row.created_at,
    displayOrder: row.display_order,
  };
}
