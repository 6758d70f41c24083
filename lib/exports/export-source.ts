// Reads the judgments an export covers through a cursor, inside the caller's repeatable-read
// snapshot, grouped by item. Memory holds one cursor page, whatever the row count.
import type pg from "pg";
import { countConversationJudgments } from "@/lib/exports/conversation-source";
import { cursorRows } from "@/lib/exports/cursor-rows";
import { itemFilters } from "@/lib/exports/export-filters";
import type { ExportOptions } from "@/lib/exports/export-options";
import type { ExportItem, ExportJudgment } from "@/lib/exports/export-item";

const CURSOR_ROWS = 250;

type JudgmentJson = {
  id: string;
  worker_id: string;
  worker_blocked: boolean;
  ranking: string[][];
  strength: number | null;
  both_bad: boolean;
  flags: Record<string, string[]>;
  rationale: string | null;
  time_spent_ms: number;
  assigned_at: string;
  created_at: string;
  display_order: string[];
};

type Row = {
  item_id: string;
  external_id: string | null;
  project: string;
  polarity: ExportItem["polarity"];
  scale: ExportItem["scale"];
  batch_id: string;
  position: number;
  conversation_id: string | null;
  role: ExportItem["role"];
  context: ExportItem["context"];
  candidates: ExportItem["candidates"];
  judgments: JudgmentJson[];
};

// The live conversation an item came from: a turn or an edit of a live batch, or the turn a review
// batch copied (its meta names the item it copied). Read from the turn rows, not from an item's meta,
// which imports fill with whatever the file says.
const CONVERSATION_OF_ITEM = `CASE b.source_format
         WHEN 'live' THEN (SELECT t.conversation_id FROM conversation_turns t WHERE t.item_id = i.id OR t.edit_item_id = i.id)
         WHEN 'review' THEN (SELECT t.conversation_id FROM conversation_turns t
                             WHERE t.item_id = (i.meta->>'sourceItemId')::uuid OR t.edit_item_id = (i.meta->>'sourceItemId')::uuid)
       END`;

/** How many judgments the export will read: the denominator of its progress. */
export async function countExportJudgments(client: pg.ClientBase, options: ExportOptions): Promise<number> {
  if (options.format === "conversations") return countConversationJudgments(client, options);
  const where = itemFilters(options);
  const { rows } = await client.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM judgments j JOIN items i ON i.id = j.item_id JOIN batches b ON b.id = i.batch_id JOIN projects p ON p.id = i.project_id
     WHERE ${where.items}${where.judgments}`,
    where.params,
  );
  return rows[0].n;
}

/**
 * Items in a fixed order (project, batch, position), each with its candidates and its judgments in
 * the order they were made. One row an item: its candidates are read once, not once a judgment.
 */
export async function* readExportItems(client: pg.ClientBase, options: ExportOptions): AsyncGenerator<ExportItem> {
  const where = itemFilters(options);
  const rows = cursorRows<Row>(
    client,
    `SELECT i.id AS item_id, i.external_id, p.slug AS project, p.polarity, p.pairwise_scale AS scale,
            b.id AS batch_id, i.position, ${CONVERSATION_OF_ITEM} AS conversation_id, i.role, i.context,
            (SELECT json_agg(json_build_object('id', c.id, 'text', c.text, 'model', c.model) ORDER BY c.position)
               FROM candidates c WHERE c.item_id = i.id) AS candidates,
            judged.judgments
     FROM items i
     JOIN batches b ON b.id = i.batch_id
     JOIN projects p ON p.id = i.project_id
     JOIN LATERAL (
       SELECT json_agg(json_build_object(
                'id', j.id, 'worker_id', j.worker_id, 'worker_blocked', u.blocked_at IS NOT NULL,
                'ranking', j.ranking, 'strength', j.strength, 'both_bad', j.both_bad, 'flags', j.flags,
                'rationale', j.rationale, 'time_spent_ms', j.time_spent_ms, 'assigned_at', a.created_at,
                'created_at', j.created_at, 'display_order', a.display_order)
              ORDER BY j.created_at, j.id) AS judgments
       FROM judgments j
       JOIN assignments a ON a.id = j.assignment_id
       JOIN users u ON u.id = j.worker_id
       WHERE j.item_id = i.id${where.judgments}) AS judged ON judged.judgments IS NOT NULL
     WHERE ${where.items}
     ORDER BY p.slug, b.created_at, b.id, i.position`,
    where.params,
    CURSOR_ROWS,
  );
  for await (const row of rows) yield toItem(row);
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
    conversationId: row.conversation_id,
    role: row.role,
    context: row.context,
    candidates: row.candidates,
    judgments: row.judgments.map(toJudgment),
  };
}

function toJudgment(judgment: JudgmentJson): ExportJudgment {
  return {
    id: judgment.id,
    workerId: judgment.worker_id,
    workerBlocked: judgment.worker_blocked,
    ranking: judgment.ranking,
    strength: judgment.strength,
    bothBad: judgment.both_bad,
    flags: judgment.flags,
    rationale: judgment.rationale,
    timeSpentMs: judgment.time_spent_ms,
    assignedAt: new Date(judgment.assigned_at),
    createdAt: new Date(judgment.created_at),
    displayOrder: judgment.display_order,
  };
}
