import "server-only";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { can } from "@/lib/auth/permissions";
import { isId } from "@/lib/validations/ids";
import type { Actor } from "@/lib/data/users";
import type { ItemRoleName } from "@/lib/formats/reference-preference";
import { batchItemsPageSchema } from "@/lib/validations/batch";
import { parseInput } from "@/lib/validations/parse";

export const BATCH_ITEMS_PAGE_SIZE = 50;

/** A judgment as staff read it: candidates named by their position in the item (1-based). */
export type StaffJudgment = {
  id: string;
  // An email for those who manage people, else "worker" and the first characters of the id.
  worker: string;
  /** Groups of candidate numbers, best first; a group of several is a tie. Empty: both bad. */
  ranking: number[][];
  strength: number | null;
  bothBad: boolean;
  flags: { candidate: number; flags: string[] }[];
  rationale: string | null;
  timeSpentMs: number;
  createdAt: string;
};

export type BatchItemRow = {
  id: string;
  position: number;
  externalId: string | null;
  /** The last user message, cut short: enough to recognise the item. */
  summary: string;
  candidateCount: number;
  judgmentCount: number;
  /** Judgments the item wants: k plus its extra ones for a task; null for a check item, which wants none. */
  judgmentsWanted: number | null;
  role: ItemRoleName;
  referenceNote: string | null;
  /** In import order: each response's id, the start of its text, and its reference rank (1 = best). */
  candidates: { id: string; preview: string; referenceRank: number | null }[];
  judgments: StaffJudgment[];
};

type Row = {
  id: string;
  position: number;
  external_id: string | null;
  summary: string | null;
  judgment_count: number;
  wanted: number;
  role: string;
  reference_note: string | null;
  candidates: { id: string; preview: string; reference_rank: number | null }[];
  judgments: {
    id: string;
    worker_id: string;
    email: string;
    ranking: string[][];
    strength: number | null;
    both_bad: boolean;
    flags: Record<string, string[]>;
    rationale: string | null;
    time_spent_ms: number;
    created_at: string;
  }[];
};

/**
 * One page of a batch's items in file order, each with its judgments. Workers are named by email to
 * those who manage people, and by a short id to researchers. One statement: the page's ids are found first along the (batch_id, position) index,
 * so the details are built for those 50 items only, not for every item skipped on the way.
 */
export async function findBatchItems({
  actor,
  ...input
}: {
  actor: Pick<Actor, "role">;
  batchId: string;
  page?: unknown;
}): Promise<{ items: BatchItemRow[]; page: number; pageCount: number; total: number }> {
  if (!isId(input.batchId)) throw new AppError("NOT_FOUND", "No such batch");
  const { batchId, page } = parseInput(batchItemsPageSchema, input);
  const rows = await queryPool<Row & { total: number }>(
    pool(),
    `WITH page AS (SELECT id FROM items WHERE batch_id = $1::uuid ORDER BY position OFFSET $2 LIMIT $3)
     SELECT i.id, i.position, i.external_id, i.judgment_count, b.item_count AS total, i.role::text AS role, i.reference_note,
            p.judgments_per_item + i.extra_judgments AS wanted,
            left((SELECT m->>'content' FROM jsonb_array_elements(i.context) WITH ORDINALITY AS c(m, n)
                  WHERE m->>'role' = 'user' ORDER BY n DESC LIMIT 1), 240) AS summary,
            COALESCE((SELECT json_agg(json_build_object('id', c.id, 'preview', left(c.text, 160), 'reference_rank', c.reference_rank) ORDER BY c.position)
                      FROM candidates c WHERE c.item_id = i.id), '[]') AS candidates,
            COALESCE((SELECT json_agg(json_build_object('id', j.id, 'worker_id', j.worker_id, 'email', u.email, 'ranking', j.ranking, 'strength', j.strength,
                        'both_bad', j.both_bad, 'flags', j.flags, 'rationale', j.rationale, 'time_spent_ms', j.time_spent_ms,
                        'created_at', j.created_at) ORDER BY j.created_at)
                      FROM judgments j JOIN users u ON u.id = j.worker_id WHERE j.item_id = i.id), '[]') AS judgments
     FROM page JOIN items i ON i.id = page.id JOIN batches b ON b.id = i.batch_id JOIN projects p ON p.id = i.project_id
     ORDER BY i.position`,
    [batchId, (page - 1) * BATCH_ITEMS_PAGE_SIZE, BATCH_ITEMS_PAGE_SIZE],
  );
  const total = rows[0]?.total ?? 0;
  return {
    items: rows.map((row) => toItemRow(row, can(actor.role, "user:manage"))),
    page,
    pageCount: Math.max(1, Math.ceil(total / BATCH_ITEMS_PAGE_SIZE)),
    total,
  };
}

function toItemRow(row: Row, showEmails: boolean): BatchItemRow {
  const ids = row.candidates.map((candidate) => candidate.id);
  const numberOf = (candidateId: string) => ids.indexOf(candidateId) + 1;
  const role = row.role.toLowerCase() as ItemRoleName;
  return {
    id: row.id,
    position: row.position,
    externalId: row.external_id,
    summary: row.summary ?? "",
    candidateCount: row.candidates.length,
    judgmentCount: row.judgment_count,
    judgmentsWanted: role === "task" ? row.wanted : null,
    role,
    referenceNote: row.reference_note,
    candidates: row.candidates.map((candidate) => ({ id: candidate.id, preview: candidate.preview, referenceRank: candidate.reference_rank })),
    judgments: row.judgments.map((judgment) => ({
      id: judgment.id,
      worker: showEmails ? judgment.email : `worker ${judgment.worker_id.slice(0, 8)}`,
      ranking: judgment.ranking.map((group) => group.map(numberOf)),
      strength: judgment.strength,
      bothBad: judgment.both_bad,
      flags: Object.entries(judgment.flags ?? {})
        .map(([candidateId, flags]) => ({ candidate: numberOf(candidateId), flags }))
        .filter((entry) => entry.flags.length > 0)
        .sort((a, b) => a.candidate - b.candidate),
      rationale: judgment.rationale,
      timeSpentMs: judgment.time_spent_ms,
      createdAt: new Date(judgment.created_at).toISOString(),
    })),
  };
}
