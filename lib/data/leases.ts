import "server-only";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/data/users";
import { isId } from "@/lib/validations/ids";
import { MAX_LEASE_EXTENSIONS } from "@/lib/data/task-view";
import { leaseEndedError, PAUSED_IN_PROJECT_SQL, WITHDRAWN_MESSAGE } from "@/lib/data/submit-judgment";
import { draftSchema, skipSchema } from "@/lib/validations/judgment";
import { parseInput } from "@/lib/validations/parse";

type LiveLease = { id: string };

/** Why an update of a live lease matched nothing: not theirs, already answered, withdrawn, or out of time. */
async function explainMissingLease({ actor, assignmentId }: { actor: Actor; assignmentId: string }): Promise<never> {
  const [row] = await queryPool<{ status: string; live: boolean; live_turn: boolean; paused: boolean }>(
    pool(),
    `SELECT a.status, a.lease_expires_at > now() AS live, ${PAUSED_IN_PROJECT_SQL} AS paused, p.judgment_kind = 'DIALOGUE' AS live_turn
     FROM assignments a JOIN projects p ON p.id = a.project_id
     WHERE a.id = $1::uuid AND a.worker_id = $2::uuid AND a.study_session_id IS NOT DISTINCT FROM $3::uuid`,
    [assignmentId, actor.id, sessionOf(actor)],
  );
  if (!row) throw new AppError("NOT_FOUND", "No such task: it is not yours, or it does not exist");
  if (row.live_turn && row.status === "ACTIVE") throw new AppError("CONFLICT", "This is a turn of a live conversation: leave the conversation to stop it");
  if (row.status === "SUBMITTED") throw new AppError("ALREADY_SUBMITTED", "This task was already answered");
  if (row.status === "RELEASED") throw new AppError("CONFLICT", "You skipped this task; it went back to the pool");
  if (row.status === "REVOKED") throw new AppError("GONE", WITHDRAWN_MESSAGE);
  throw leaseEndedError(row.paused);
}

// A platform account reaches only the leases of the study session it is signed in for; everyone
// else's leases have none (see claim-task.ts).
function sessionOf(actor: Actor): string | null {
  return actor.studySessionId ?? null;
}

function assertTaskId(assignmentId: string) {
  if (!isId(assignmentId)) throw new AppError("NOT_FOUND", "No such task");
}

/** Saves the answer in progress, for as long as the lease lives. */
export async function saveDraft({ actor, assignmentId, draft }: { actor: Actor; assignmentId: string; draft: unknown }): Promise<{ savedAt: string }> {
  assertTaskId(assignmentId);
  const parsed = parseInput(draftSchema, draft);
  const [saved] = await queryPool<LiveLease & { draft_saved_at: Date }>(
    pool(),
    `UPDATE assignments SET draft = $3::jsonb, draft_saved_at = now()
     WHERE id = $1::uuid AND worker_id = $2::uuid AND study_session_id IS NOT DISTINCT FROM $4::uuid
       AND status = 'ACTIVE' AND lease_expires_at > now()
     RETURNING id, draft_saved_at`,
    [assignmentId, actor.id, JSON.stringify(parsed), sessionOf(actor)],
  );
  if (!saved) return explainMissingLease({ actor, assignmentId });
  return { savedAt: new Date(saved.draft_saved_at).toISOString() };
}

/** Gives the task back to the pool for others, with the worker's reason; they are not offered it again. */
export async function skipTask({ actor, assignmentId, input }: { actor: Actor; assignmentId: string; input: unknown }): Promise<void> {
  assertTaskId(assignmentId);
  const { reason } = parseInput(skipSchema, input);
  const [skipped] = await queryPool<LiveLease>(
    pool(),
    `UPDATE assignments a SET status = 'RELEASED', skip_reason = $3
     WHERE a.id = $1::uuid AND a.worker_id = $2::uuid AND a.study_session_id IS NOT DISTINCT FROM $4::uuid
       AND a.status = 'ACTIVE' AND a.lease_expires_at > now()
       -- A live turn is left by leaving its conversation, which stops the turn too.
       AND NOT EXISTS (SELECT 1 FROM projects p WHERE p.id = a.project_id AND p.judgment_kind = 'DIALOGUE')
     RETURNING id`,
    [assignmentId, actor.id, reason, sessionOf(actor)],
  );
  if (!skipped) await explainMissingLease({ actor, assignmentId });
}

/** More time on a live lease: a fresh full lease, a few times at most. */
export async function extendLease({
  actor,
  assignmentId,
}: {
  actor: Actor;
  assignmentId: string;
}): Promise<{ leaseExpiresAt: string; extensionsLeft: number }> {
  assertTaskId(assignmentId);
  const [extended] = await queryPool<{ lease_expires_at: Date; lease_extensions: number }>(
    pool(),
    `UPDATE assignments a SET lease_expires_at = now() + make_interval(secs => p.lease_seconds), lease_extensions = a.lease_extensions + 1
     FROM projects p
     WHERE p.id = a.project_id AND a.id = $1::uuid AND a.worker_id = $2::uuid AND a.study_session_id IS NOT DISTINCT FROM $4::uuid
       AND a.status = 'ACTIVE' AND a.lease_expires_at > now() AND a.lease_extensions < $3
     RETURNING a.lease_expires_at, a.lease_extensions`,
    [assignmentId, actor.id, MAX_LEASE_EXTENSIONS, sessionOf(actor)],
  );
  if (!extended) {
    const [row] = await queryPool<{ lease_extensions: number; live: boolean; status: string }>(
      pool(),
      `SELECT lease_extensions, status, lease_expires_at > now() AS live FROM assignments
       WHERE id = $1::uuid AND worker_id = $2::uuid AND study_session_id IS NOT DISTINCT FROM $3::uuid`,
      [assignmentId, actor.id, sessionOf(actor)],
    );
    if (row?.status === "ACTIVE" && row.live) throw new AppError("CONFLICT", `You have used all ${MAX_LEASE_EXTENSIONS} extensions of this task`);
    return explainMissingLease({ actor, assignmentId });
  }
  return { leaseExpiresAt: new Date(extended.lease_expires_at).toISOString(), extensionsLeft: MAX_LEASE_EXTENSIONS - extended.lease_extensions };
}
