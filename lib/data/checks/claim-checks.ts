// The claim's side of the quality checks: whether a worker may take tasks in a project at all (paused,
// failed or not yet through the practice set), and the pick of a check item (practice in order, gold
// and attention at random). A check item has no k: every worker may answer it once.
import type { SqlRunner } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { percent } from "@/lib/data/checks/check-figures";
import { openToWorkerSql } from "@/lib/data/worker-counts";

/** The project's check settings and the worker's standing in it, as the claim reads them. */
export type ClaimStanding = {
  gold_rate: number;
  pass_mark: number | null;
  paused: boolean;
  qualified: boolean;
  failed: boolean;
  practice_answers: number;
  practice_correct: number;
};

/** SQL columns for ClaimStanding over projects `p`, for the worker $2. */
export const CLAIM_STANDING_COLUMNS = `
  p.gold_rate, p.qualification_pass_mark AS pass_mark,
  coalesce(ws.paused_at IS NOT NULL, false) AS paused,
  coalesce(ws.qualified_at IS NOT NULL, false) AS qualified,
  coalesce(ws.failed_at IS NOT NULL, false) AS failed,
  coalesce(ws.practice_answers, 0) AS practice_answers,
  coalesce(ws.practice_correct, 0) AS practice_correct`;

export const CLAIM_STANDING_JOIN = "LEFT JOIN worker_standings ws ON ws.project_id = p.id AND ws.worker_id = $2::uuid";

export const PAUSED_MESSAGE = "You are paused in this project while an admin reviews your recent answers; you will be able to go on once they resume you";

/** Refuses a worker who may not take tasks here; says whether they must practise first. */
export function practiceFirst(standing: ClaimStanding): boolean {
  if (standing.paused) throw new AppError("FORBIDDEN", PAUSED_MESSAGE);
  if (standing.pass_mark === null || standing.qualified) return false;
  if (standing.failed) {
    const { practice_correct: right, practice_answers: answered } = standing;
    throw new AppError(
      "FORBIDDEN",
      `You did not reach the pass mark of this project's practice set (${right} of ${answered} right, ${percent(standing.pass_mark)} needed); an admin can let you try again`,
    );
  }
  return true;
}

/** Whether this claim mixes in a gold or attention item, at the project's rate. */
export function drawsGold(goldRate: number, random: () => number = Math.random): boolean {
  return goldRate > 0 && random() < goldRate;
}

/**
 * Whether a task is open to the worker. Gold and attention items come only while one is: handed out
 * when the task list shows nothing open, a check item would be known for what it is.
 */
export async function taskOpenToWorker(sql: SqlRunner, { projectId, workerId }: { projectId: string; workerId: string }): Promise<boolean> {
  const [row] = await sql.query<{ open: number }>(`SELECT ${openToWorkerSql("$2")} AS open FROM projects p WHERE p.id = $1::uuid`, [projectId, workerId]);
  return (row?.open ?? 0) > 0;
}

/** practice: the practice set; otherwise gold and attention items. */
export type CheckPick = { batchIds: string[]; workerId: string; practice: boolean };

/**
 * The next check item the worker has neither answered nor holds, in the project's active batches.
 * Gold comes at random (so no two workers meet it in the same order) and never again once skipped.
 * The practice set comes in batch priority and file order, a skipped item last: the whole set must be
 * answered to qualify. No row lock: a check item has no slot to fill.
 */
export async function pickCheckItem(sql: SqlRunner, { batchIds, workerId, practice }: CheckPick): Promise<string | null> {
  const [row] = await sql.query<{ id: string }>(
    `SELECT i.id FROM items i
     WHERE i.batch_id = ANY($1::uuid[]) AND i.role <> 'TASK'
       AND (CASE WHEN $3::boolean THEN i.role = 'PRACTICE' ELSE i.role IN ('GOLD', 'ATTENTION') END)
       AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = i.id AND j.worker_id = $2::uuid)
       AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.item_id = i.id AND s.worker_id = $2::uuid
                         AND (s.status = 'ACTIVE' OR (s.status = 'RELEASED' AND NOT $3::boolean)))
     ORDER BY CASE WHEN NOT $3::boolean THEN random() END,
              EXISTS (SELECT 1 FROM assignments s WHERE s.item_id = i.id AND s.worker_id = $2::uuid AND s.status = 'RELEASED'),
              array_position($1::uuid[], i.batch_id), i.position
     LIMIT 1`,
    [batchIds, workerId, practice],
  );
  return row?.id ?? null;
}
