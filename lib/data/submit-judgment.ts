// Storing a judgment exactly once, as plain SQL (see sql-runner.ts).
import type pg from "pg";
import { inTransaction, type SqlRunner } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { interpretAnswer, type AnswerRules, type StoredAnswer } from "@/lib/data/interpret-answer";
import type { SubmitJudgmentAnswer } from "@/lib/validations/judgment";
import type { PracticeFeedback } from "@/lib/data/checks/practice-feedback";
import { CHECK_SETTINGS_JSON, recallPracticeFeedback, scoreCheckAnswer, type CheckSettings, type ItemRole } from "@/lib/data/checks/score-check";
import { wantsAnotherJudgment } from "@/lib/data/checks/dynamic-overlap";
import { PAUSED_MESSAGE } from "@/lib/data/checks/claim-checks";

/**
 * How a task is answered: as its project says, except that a live conversation's turn (DIALOGUE) is a
 * pair on the project's scale when it has two samples and a ranking when it has more.
 */
export const ANSWER_KIND_SQL = `CASE WHEN p.judgment_kind = 'DIALOGUE' THEN CASE WHEN cardinality(a.display_order) = 2 THEN 'PAIRWISE' ELSE 'RANKING' END
                                  ELSE p.judgment_kind::text END`;

/** An admin closed the task's batch (or blocked the worker): the lease ended before its time. */
export const WITHDRAWN_MESSAGE = "This task was withdrawn by an admin (its batch was closed), so your answer was not stored; take the next task";

/** SQL over assignments `a`: whether the worker is paused in the lease's project (a pause ends their leases). */
export const PAUSED_IN_PROJECT_SQL = `EXISTS (SELECT 1 FROM worker_standings ws
  WHERE ws.worker_id = a.worker_id AND ws.project_id = a.project_id AND ws.paused_at IS NOT NULL)`;

/** A lease out of time; a worker paused meanwhile is told that, not to take the next task. */
export function leaseEndedError(paused: boolean): AppError {
  if (paused) return new AppError("FORBIDDEN", `${PAUSED_MESSAGE}. Your answer to this task was not stored`);
  return new AppError("LEASE_EXPIRED", "This task's lease has ended and it went back to the pool; take the next task");
}

export type SubmittedJudgment = {
  judgmentId: string;
  assignmentId: string;
  createdAt: string;
  replayed: boolean;
  /** Only for an item of the practice set. */
  practice?: PracticeFeedback;
};

type SubmitOptions = { workerId: string; studySessionId?: string | null; assignmentId: string; answer: SubmitJudgmentAnswer; liveTurn?: boolean };

type LockedAssignment = {
  id: string;
  item_id: string;
  project_id: string;
  status: "ACTIVE" | "SUBMITTED" | "EXPIRED" | "RELEASED" | "REVOKED";
  display_order: string[];
  live: boolean;
  paused: boolean;
  elapsed_ms: number;
  k: number;
  rules: AnswerRules;
  role: ItemRole;
  checks: CheckSettings;
};

/**
 * The assignment row is locked first, so parallel retries queue up behind each other: the first
 * stores the judgment, the others find it and get the same answer back.
 */
export async function recordJudgment(
  pool: pg.Pool,
  options: { workerId: string; studySessionId?: string | null; assignmentId: string; answer: SubmitJudgmentAnswer },
): Promise<SubmittedJudgment> {
  return inTransaction(pool, (sql) => submitJudgmentWithin(sql, options));
}

/**
 * The same, inside the caller's transaction. A live conversation's turn is answered only through its
 * conversation (liveTurn), which goes on from the pick: answered as a plain task, it would leave the
 * conversation without its next message. A platform account answers only the tasks of the study
 * session it is signed in for (studySessionId; null for everyone else's tasks).
 */
export async function submitJudgmentWithin(
  sql: SqlRunner,
  { workerId, studySessionId = null, assignmentId, answer, liveTurn = false }: SubmitOptions,
): Promise<SubmittedJudgment> {
  const [assignment] = await sql.query<LockedAssignment>(
    `SELECT a.id, a.item_id, a.project_id, a.status, a.display_order,
            a.lease_expires_at > now() AS live, ${PAUSED_IN_PROJECT_SQL} AS paused,
            (extract(epoch FROM now() - a.created_at) * 1000)::int AS elapsed_ms,
            p.judgments_per_item AS k, i.role, ${CHECK_SETTINGS_JSON} AS checks,
            json_build_object('judgmentKind', ${ANSWER_KIND_SQL}, 'pairwiseScale', p.pairwise_scale, 'allowTies', p.allow_ties,
              'allowBothBad', p.allow_both_bad, 'flagOptions', p.flag_options, 'rationaleMode', p.rationale_mode,
              'rationaleMinLength', p.rationale_min_length) AS rules
     FROM assignments a JOIN projects p ON p.id = a.project_id JOIN items i ON i.id = a.item_id
     WHERE a.id = $1::uuid AND a.worker_id = $2::uuid AND (p.judgment_kind = 'DIALOGUE') = $3
       AND a.study_session_id IS NOT DISTINCT FROM $4::uuid
     FOR UPDATE OF a`,
    [assignmentId, workerId, liveTurn, studySessionId],
  );
  if (!assignment) throw new AppError("NOT_FOUND", "No such task: it is not yours, or it does not exist");
  if (assignment.status === "SUBMITTED") return replayWithFeedback(sql, { workerId, assignment, idempotencyKey: answer.idempotencyKey });
  if (assignment.status === "RELEASED") throw new AppError("CONFLICT", "You skipped this task; it went back to the pool");
  if (assignment.status === "REVOKED") throw new AppError("GONE", WITHDRAWN_MESSAGE);
  if (assignment.status !== "ACTIVE" || !assignment.live) throw leaseEndedError(assignment.paused);
  const stored = interpretAnswer(answer, assignment.display_order, assignment.rules);
  const { role, checks, item_id: itemId, project_id: projectId } = assignment;
  const another = role === "TASK" && (await wantsAnotherJudgment(sql, { itemId, k: assignment.k, checks, answer: stored }));
  const submitted = await storeJudgment(sql, { workerId, assignment, idempotencyKey: answer.idempotencyKey, answer: stored, another });
  if (role === "TASK") return submitted;
  const practice = await scoreCheckAnswer(sql, { workerId, projectId, itemId, role, answer: stored, checks });
  return practice ? { ...submitted, practice } : submitted;
}

async function replayWithFeedback(
  sql: SqlRunner,
  { workerId, assignment, idempotencyKey }: { workerId: string; assignment: LockedAssignment; idempotencyKey: string },
) {
  const replayed = await replay(sql, assignment.id, idempotencyKey);
  if (assignment.role !== "PRACTICE") return replayed;
  const { project_id: projectId, item_id: itemId, checks } = assignment;
  const practice = await recallPracticeFeedback(sql, { workerId, projectId, itemId, judgmentId: replayed.judgmentId, passMark: checks.passMark });
  return { ...replayed, practice };
}

// Read in its own statement: after waiting for the lock, the locking statement sees the
// assignment's new status but not the judgment that a parallel retry committed with it.
async function replay(sql: SqlRunner, assignmentId: string, idempotencyKey: string): Promise<SubmittedJudgment> {
  const [existing] = await sql.query<{ id: string; idempotency_key: string; created_at: Date }>(
    "SELECT id, idempotency_key, created_at FROM judgments WHERE assignment_id = $1::uuid",
    [assignmentId],
  );
  if (existing.idempotency_key !== idempotencyKey) {
    throw new AppError("ALREADY_SUBMITTED", "This task was already answered (with another idempotency key)");
  }
  return { judgmentId: existing.id, assignmentId, createdAt: new Date(existing.created_at).toISOString(), replayed: true };
}

/**
 * One statement writes the judgment, counts it on the item (under the item's lock, guarded by k:
 * a live lease holds a slot, so the guard only bites if k was lowered; check items have no k) and
 * closes the assignment. Says whether the judgment completed a task.
 * The (worker, idempotency key) constraint refuses a key already used for another task.
 */
type StoreOptions = { workerId: string; assignment: LockedAssignment; idempotencyKey: string; answer: StoredAnswer; another: boolean };

async function storeJudgment(sql: SqlRunner, { workerId, assignment, idempotencyKey, answer, another }: StoreOptions): Promise<SubmittedJudgment> {
  const [stored] = await sql.query<{ id: string; created_at: Date; counted: number }>(
    `WITH judgment AS (
       INSERT INTO judgments (assignment_id, project_id, item_id, worker_id, ranking, strength, both_bad, flags, rationale, time_spent_ms, idempotency_key)
       VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::jsonb, $6::int, $11, $12::jsonb, $7, $8, $9)
       ON CONFLICT (worker_id, idempotency_key) DO NOTHING
       RETURNING id, created_at),
     counted AS (
       UPDATE items SET judgment_count = judgment_count + 1, extra_judgments = extra_judgments + $13::int,
         is_complete = (role <> 'TASK' OR judgment_count + 1 >= $10 + extra_judgments + $13::int)
       WHERE id = $3::uuid AND (role <> 'TASK' OR judgment_count < $10 + extra_judgments) AND EXISTS (SELECT 1 FROM judgment)
       RETURNING id),
     closed AS (
       UPDATE assignments SET status = 'SUBMITTED', submitted_at = now()
       WHERE id = $1::uuid AND EXISTS (SELECT 1 FROM judgment)
       RETURNING id)
     SELECT judgment.id, judgment.created_at, (SELECT count(*) FROM counted)::int AS counted
     FROM judgment, closed`,
    [
      assignment.id,
      assignment.project_id,
      assignment.item_id,
      workerId,
      JSON.stringify(answer.ranking),
      answer.strength,
      answer.rationale,
      assignment.elapsed_ms,
      idempotencyKey,
      assignment.k,
      answer.bothBad,
      JSON.stringify(answer.flags),
      Number(another),
    ],
  );
  if (!stored) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", "This idempotency key was already used for another task; send a new key per task", [
      { field: "idempotencyKey", message: "already used for another task" },
    ]);
  }
  if (stored.counted === 0) throw new AppError("CONFLICT", "This item already has all the judgments it needs");
  return { judgmentId: stored.id, assignmentId: assignment.id, createdAt: new Date(stored.created_at).toISOString(), replayed: false };
}
