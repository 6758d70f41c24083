import "server-only";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { analyticQuery } from "@/lib/data/quality/analytic-query";
import { STRENGTH_TALLIES_SQL, WORKER_SIGNALS_SQL, type WorkerSignalRow } from "@/lib/data/quality/worker-signals-sql";
import { findProjectStandings } from "@/lib/data/worker-standings";
import { workerSignals, type WorkerSignals, type WorkerTallies } from "@/lib/quality/worker-signals";

/**
 * Every worker's signals in a project (or one of its batches), most judgments first. Workers are named by
 * email only for those who manage people (showEmails), as on batch pages; others see part of the id.
 * Each has their status in the whole project (a standing is not per batch).
 */
export async function findWorkerSignals(projectId: string, batchId: string | null, showEmails: boolean): Promise<WorkerSignals[]> {
  const [rows, strengthRows, standings] = await Promise.all([
    analyticQuery<WorkerSignalRow>(pool(), WORKER_SIGNALS_SQL, [projectId, batchId]),
    queryPool<StrengthRow>(pool(), STRENGTH_TALLIES_SQL, [projectId, batchId]),
    findProjectStandings({ projectId }),
  ]);
  return signalsOfRows(rows, strengthRows, showEmails).map((signals) => ({ ...signals, status: standings.statusOf(signals.workerId) }));
}

/** The rows of WORKER_SIGNALS_SQL and STRENGTH_TALLIES_SQL as each worker's signals. */
export function signalsOfRows(rows: WorkerSignalRow[], strengthRows: StrengthRow[], showEmails: boolean): WorkerSignals[] {
  const strengths = strengthsByWorker(strengthRows);
  return rows.map((row) => workerSignals(talliesOf(row, strengths, showEmails)));
}

export type StrengthRow = { worker_id: string; strength: number; count: number };

function strengthsByWorker(rows: StrengthRow[]): Map<string, Map<number, number>> {
  const byWorker = new Map<string, Map<number, number>>();
  for (const row of rows) byWorker.set(row.worker_id, (byWorker.get(row.worker_id) ?? new Map()).set(row.strength, row.count));
  return byWorker;
}

function talliesOf(row: WorkerSignalRow, strengths: Map<string, Map<number, number>>, showEmails: boolean): WorkerTallies {
  return {
    workerId: row.worker_id,
    worker: showEmails ? row.email : `worker ${row.worker_id.slice(0, 8)}`,
    blocked: row.blocked,
    judgments: row.judgments,
    medianSeconds: Number(row.median_seconds),
    tooFast: row.too_fast,
    decidedPairs: row.decided_pairs,
    choseShownFirst: row.chose_shown_first,
    rationales: row.rationales,
    copiedRationales: row.copied_rationales,
    referenceTrials: row.reference_trials,
    referenceCorrect: row.reference_correct,
    goldTrials: row.gold_trials,
    goldCorrect: row.gold_correct,
    consensusItems: row.consensus_items,
    consensusAgreeing: Number(row.consensus_agreeing),
    strengths: strengths.get(row.worker_id) ?? new Map<number, number>(),
    firstAt: row.first_at.toISOString(),
    lastAt: row.last_at.toISOString(),
  };
}
