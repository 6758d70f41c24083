// The submit's side of the quality checks: an answer to a gold, attention or practice item is scored
// against the item's reference, counted in the worker's standing (under that row's lock, so two
// submits of one worker count in turn), and may pause the worker or settle their qualification.
import type { SqlRunner } from "@/lib/db/sql-runner";
import type { StoredAnswer } from "@/lib/data/interpret-answer";
import type { PracticeFeedback } from "@/lib/data/checks/practice-feedback";
import { isCorrectAnswer, pauseReason, qualificationOutcome, referenceOf } from "@/lib/data/checks/check-answer";

export type ItemRole = "TASK" | "GOLD" | "ATTENTION" | "PRACTICE";

export type CheckSettings = {
  goldMinAnswers: number;
  goldThreshold: number;
  passMark: number | null;
  overlapMax: number | null;
  overlapDisagreement: number;
};

/** CheckSettings as SQL over projects `p`. */
export const CHECK_SETTINGS_JSON = `json_build_object('goldMinAnswers', p.gold_min_answers, 'goldThreshold', p.gold_threshold,
  'passMark', p.qualification_pass_mark, 'overlapMax', p.overlap_max, 'overlapDisagreement', p.overlap_disagreement)`;

type Scoring = {
  workerId: string;
  projectId: string;
  itemId: string;
  role: ItemRole;
  answer: Pick<StoredAnswer, "ranking" | "bothBad">;
  checks: CheckSettings;
};

type Standing = { practice_answers: number; practice_correct: number; gold_answers: number; gold_correct: number; paused: boolean };

/** Counts the answer; returns the feedback a practice answer gets, null for gold and attention. */
export async function scoreCheckAnswer(sql: SqlRunner, { workerId, projectId, itemId, role, answer, checks }: Scoring): Promise<PracticeFeedback | null> {
  const { reference, note } = await readReference(sql, itemId);
  const correct = isCorrectAnswer(answer, reference);
  const practice = role === "PRACTICE";
  const [standing] = await sql.query<Standing>(
    `INSERT INTO worker_standings AS ws (worker_id, project_id, practice_answers, practice_correct, gold_answers, gold_correct)
     VALUES ($1::uuid, $2::uuid, $3::int, $4::int, $5::int, $6::int)
     ON CONFLICT (worker_id, project_id) DO UPDATE SET
       practice_answers = ws.practice_answers + EXCLUDED.practice_answers, practice_correct = ws.practice_correct + EXCLUDED.practice_correct,
       gold_answers = ws.gold_answers + EXCLUDED.gold_answers, gold_correct = ws.gold_correct + EXCLUDED.gold_correct, updated_at = now()
     RETURNING practice_answers, practice_correct, gold_answers, gold_correct, paused_at IS NOT NULL AS paused`,
    [workerId, projectId, Number(practice), Number(practice && correct), Number(!practice), Number(!practice && correct)],
  );
  if (!practice) {
    await pauseIfBelowThreshold(sql, { workerId, projectId, standing, checks });
    return null;
  }
  const outcome = await settleQualification(sql, { workerId, projectId, standing, passMark: checks.passMark });
  return { correct, reference, note, ...outcome };
}

type PauseCheck = { workerId: string; projectId: string; standing: Standing; checks: CheckSettings };

/**
 * Pauses the worker in the project when their gold window falls below the threshold, and ends their
 * other live leases there so the items go back to the pool at once.
 */
async function pauseIfBelowThreshold(sql: SqlRunner, { workerId, projectId, standing, checks }: PauseCheck) {
  if (standing.paused) return;
  const window = { answers: standing.gold_answers, correct: standing.gold_correct, minAnswers: checks.goldMinAnswers, threshold: checks.goldThreshold };
  const reason = pauseReason(window);
  if (!reason) return;
  await sql.execute(
    "UPDATE worker_standings SET paused_at = now(), pause_reason = $3, updated_at = now() WHERE worker_id = $1::uuid AND project_id = $2::uuid",
    [workerId, projectId, reason],
  );
  await sql.execute(
    `UPDATE assignments SET status = 'EXPIRED', lease_expires_at = now()
     WHERE worker_id = $1::uuid AND project_id = $2::uuid AND status = 'ACTIVE'`,
    [workerId, projectId],
  );
}

type Settling = { workerId: string; projectId: string; standing: Standing; passMark: number | null };

type PracticeProgress = Omit<PracticeFeedback, "correct" | "reference" | "note">;

/** Once the whole practice set is answered, the worker qualifies or fails; the feedback says which. */
async function settleQualification(sql: SqlRunner, { workerId, projectId, standing, passMark }: Settling): Promise<PracticeProgress> {
  const [set] = await sql.query<{ total: number }>(
    `SELECT count(*)::int AS total FROM items i JOIN batches b ON b.id = i.batch_id
     WHERE b.project_id = $1::uuid AND b.status = 'ACTIVE' AND i.role = 'PRACTICE'`,
    [projectId],
  );
  const tally = { answered: standing.practice_answers, correct: standing.practice_correct, total: set.total, passMark: passMark ?? 0 };
  const outcome = passMark === null ? "PRACTISING" : qualificationOutcome(tally);
  if (outcome !== "PRACTISING") {
    await sql.execute(
      `UPDATE worker_standings SET ${outcome === "QUALIFIED" ? "qualified_at" : "failed_at"} = now(), updated_at = now()
       WHERE worker_id = $1::uuid AND project_id = $2::uuid AND qualified_at IS NULL AND failed_at IS NULL`,
      [workerId, projectId],
    );
  }
  return { answered: tally.answered, correctSoFar: tally.correct, total: tally.total, passMark: tally.passMark, outcome };
}

/** The feedback again, for a retried submit of a practice answer that was already stored. */
export async function recallPracticeFeedback(
  sql: SqlRunner,
  { workerId, projectId, itemId, judgmentId, passMark }: { workerId: string; projectId: string; itemId: string; judgmentId: string; passMark: number | null },
): Promise<PracticeFeedback> {
  const { reference, note } = await readReference(sql, itemId);
  const [row] = await sql.query<{
    ranking: string[][];
    both_bad: boolean;
    answered: number;
    right: number;
    total: number;
    outcome: PracticeFeedback["outcome"];
  }>(
    `SELECT j.ranking, j.both_bad, coalesce(ws.practice_answers, 0) AS answered, coalesce(ws.practice_correct, 0) AS right,
            (SELECT count(*)::int FROM items i JOIN batches b ON b.id = i.batch_id
             WHERE b.project_id = $3::uuid AND b.status = 'ACTIVE' AND i.role = 'PRACTICE') AS total,
            CASE WHEN ws.qualified_at IS NOT NULL THEN 'QUALIFIED' WHEN ws.failed_at IS NOT NULL THEN 'FAILED' ELSE 'PRACTISING' END AS outcome
     FROM judgments j LEFT JOIN worker_standings ws ON ws.worker_id = $2::uuid AND ws.project_id = $3::uuid
     WHERE j.id = $1::uuid`,
    [judgmentId, workerId, projectId],
  );
  const correct = isCorrectAnswer({ ranking: row.ranking, bothBad: row.both_bad }, reference);
  return { correct, reference, note, answered: row.answered, correctSoFar: row.right, total: row.total, passMark: passMark ?? 0, outcome: row.outcome };
}

async function readReference(sql: SqlRunner, itemId: string): Promise<{ reference: string[][]; note: string | null }> {
  const candidates = await sql.query<{ id: string; reference_rank: number | null; note: string | null }>(
    `SELECT c.id, c.reference_rank, i.reference_note AS note
     FROM candidates c JOIN items i ON i.id = c.item_id WHERE c.item_id = $1::uuid ORDER BY c.position`,
    [itemId],
  );
  return { reference: referenceOf(candidates), note: candidates[0]?.note ?? null };
}
