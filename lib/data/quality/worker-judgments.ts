import "server-only";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { idOrNotFound } from "@/lib/validations/ids";
import { LABELLED_JUDGMENTS } from "@/lib/data/quality/judgment-labels";
import { findQualityScope } from "@/lib/data/quality/quality-scope";
import { findWorkerSignals } from "@/lib/data/quality/worker-signals";
import type { WorkerSignals } from "@/lib/quality/worker-signals";

/** One of a worker's judgments beside the others' on the same item, in the codes of judgment-labels.ts. */
export type WorkerJudgment = {
  judgmentId: string;
  itemId: string;
  item: string;
  createdAt: string;
  choice: number;
  strength: number | null;
  seconds: number;
  rationale: string | null;
  othersChoices: number[];
  referenceBest: number | null;
};

export type WorkerQuality = { signals: WorkerSignals; judgments: WorkerJudgment[] };

type Row = {
  judgment_id: string;
  item_id: string;
  item: string;
  created_at: Date;
  choice: number;
  signed: number | null;
  time_spent_ms: number;
  rationale: string | null;
  others: number[] | null;
  reference_best: number | null;
};

const WORKER_JUDGMENTS_SQL = `
  WITH ${LABELLED_JUDGMENTS}
  SELECT l.judgment_id, l.item_id, coalesce(i.external_id, '#' || i.position) AS item, l.created_at, l.choice, l.signed, l.time_spent_ms, l.rationale,
         (SELECT array_agg(o.choice ORDER BY o.choice) FROM labelled o WHERE o.item_id = l.item_id AND o.worker_id <> l.worker_id) AS others,
         (SELECT min(r.ordinal) FROM ordered r WHERE r.item_id = l.item_id AND r.reference_rank = 1) AS reference_best
    FROM labelled l JOIN items i ON i.id = l.item_id
   WHERE l.worker_id = $3::uuid
   ORDER BY l.created_at DESC
   LIMIT $4`;

/** A worker's signals in a project and their latest judgments there, for the Quality page's drill-down. */
export async function findWorkerQuality(slug: string, workerId: string, { limit = 100, showEmails = false } = {}): Promise<WorkerQuality> {
  idOrNotFound(workerId, "worker");
  const { project } = await findQualityScope(slug, null);
  const signals = (await findWorkerSignals(project.id, null, showEmails)).find((worker) => worker.workerId === workerId);
  if (!signals) throw new AppError("NOT_FOUND", `No judgments by this worker in "${slug}"`);
  const rows = await queryPool<Row>(pool(), WORKER_JUDGMENTS_SQL, [project.id, null, workerId, limit]);
  return {
    signals,
    judgments: rows.map((row) => ({
      judgmentId: row.judgment_id,
      itemId: row.item_id,
      item: row.item,
      createdAt: row.created_at.toISOString(),
      choice: row.choice,
      strength: row.signed,
      seconds: row.time_spent_ms / 1000,
      rationale: row.rationale,
      othersChoices: row.others ?? [],
      referenceBest: row.reference_best,
    })),
  };
}
