import "server-only";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/data/users";
import { isUuid } from "@/lib/data/assignments";
import { responseLabel, submitJudgmentSchema, type SubmitJudgmentAnswer } from "@/lib/validations/judgment";
import { parseInput } from "@/lib/validations/parse";

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

export type SubmittedJudgment = { judgmentId: string; assignmentId: string; createdAt: string; replayed: boolean };

type LockedAssignment = {
  id: string;
  item_id: string;
  project_id: string;
  status: "ACTIVE" | "SUBMITTED" | "EXPIRED" | "RELEASED";
  display_order: string[];
  live: boolean;
  elapsed_ms: number;
  judgment_kind: "PAIRWISE" | "RANKING";
  k: number;
};

/**
 * Stores the worker's answer exactly once. The assignment row is locked first, so parallel retries
 * queue up: the first stores the judgment, the others find it and get the same answer back.
 */
export async function submitJudgment({
  actor,
  assignmentId,
  input,
}: {
  actor: Actor;
  assignmentId: string;
  input: unknown;
}): Promise<SubmittedJudgment> {
  const answer = parseInput(submitJudgmentSchema, input);
  if (!isUuid(assignmentId)) throw new AppError("NOT_FOUND", "No such task");
  return db().$transaction(
    async (tx) => {
      const [assignment] = await tx.$queryRaw<LockedAssignment[]>`
        SELECT a.id, a.item_id, a.project_id, a.status, a.display_order,
               a.lease_expires_at > now() AS live,
               (extract(epoch FROM now() - a.created_at) * 1000)::int AS elapsed_ms,
               p.judgment_kind, p.judgments_per_item AS k
        FROM assignments a JOIN projects p ON p.id = a.project_id
        WHERE a.id = ${assignmentId}::uuid AND a.worker_id = ${actor.id}::uuid
        FOR UPDATE OF a`;
      if (!assignment) throw new AppError("NOT_FOUND", "No such task: it is not yours, or it does not exist");
      if (assignment.status === "SUBMITTED") return replay(tx, { assignmentId, idempotencyKey: answer.idempotencyKey });
      if (assignment.status !== "ACTIVE" || !assignment.live) {
        throw new AppError("LEASE_EXPIRED", "This task's lease has expired and it went back to the pool; take the next task");
      }
      await refuseReusedKey(tx, { workerId: actor.id, idempotencyKey: answer.idempotencyKey });
      const ranking = rankingFromAnswer(answer, assignment);
      return storeJudgment(tx, { actor, assignment, answer, ranking });
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

async function replay(tx: Tx, { assignmentId, idempotencyKey }: { assignmentId: string; idempotencyKey: string }) {
  const [existing] = await tx.$queryRaw<{ id: string; idempotency_key: string; created_at: Date }[]>`
    SELECT id, idempotency_key, created_at FROM judgments WHERE assignment_id = ${assignmentId}::uuid`;
  if (existing.idempotency_key !== idempotencyKey) {
    throw new AppError("ALREADY_SUBMITTED", "This task was already answered (with another idempotency key)");
  }
  return { judgmentId: existing.id, assignmentId, createdAt: existing.created_at.toISOString(), replayed: true };
}

async function refuseReusedKey(tx: Tx, { workerId, idempotencyKey }: { workerId: string; idempotencyKey: string }) {
  const [used] = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM judgments WHERE worker_id = ${workerId}::uuid AND idempotency_key = ${idempotencyKey}`;
  if (used) {
    throw new AppError("IDEMPOTENCY_KEY_REUSED", "This idempotency key was already used for another task; send a new key per task", [
      { field: "idempotencyKey", message: "already used for another task" },
    ]);
  }
}

/** Maps the labels the worker saw back to candidate ids, best first. */
function rankingFromAnswer(answer: SubmitJudgmentAnswer, assignment: LockedAssignment): string[][] {
  const order = assignment.display_order;
  if (answer.strength !== undefined) {
    if (assignment.judgment_kind !== "PAIRWISE" || order.length !== 2) {
      throw new AppError("INVALID_INPUT", `This task ranks ${order.length} responses: answer with "ranking"`, [
        { field: "strength", message: "only for pairwise tasks" },
      ]);
    }
    const [a, b] = order;
    return answer.strength < 0 ? [[a], [b]] : [[b], [a]];
  }
  const labels = answer.ranking ?? [];
  const expected = order.map((_, index) => responseLabel(index));
  const complete = labels.length === expected.length && expected.every((label) => labels.includes(label));
  if (!complete) {
    throw new AppError("INVALID_INPUT", `Rank each of ${expected.join(", ")} exactly once, best first`, [
      { field: "ranking", message: `expected each of ${expected.join(", ")} once` },
    ]);
  }
  return labels.map((label) => [order[label.charCodeAt(0) - 65]]);
}

async function storeJudgment(
  tx: Tx,
  { actor, assignment, answer, ranking }: { actor: Actor; assignment: LockedAssignment; answer: SubmitJudgmentAnswer; ranking: string[][] },
): Promise<SubmittedJudgment> {
  // Guarded by the count itself: a live lease holds a slot, so this only fails if k was lowered.
  const counted = await tx.$executeRaw`
    UPDATE items SET judgment_count = judgment_count + 1
    WHERE id = ${assignment.item_id}::uuid AND judgment_count < ${assignment.k}`;
  if (counted === 0) throw new AppError("CONFLICT", "This item already has all the judgments it needs");
  const [judgment] = await tx.$queryRaw<{ id: string; created_at: Date }[]>`
    INSERT INTO judgments (assignment_id, project_id, item_id, worker_id, ranking, strength, rationale, time_spent_ms, idempotency_key)
    VALUES (${assignment.id}::uuid, ${assignment.project_id}::uuid, ${assignment.item_id}::uuid, ${actor.id}::uuid,
            ${JSON.stringify(ranking)}::jsonb, ${answer.strength ?? null}::int, ${answer.rationale || null},
            ${assignment.elapsed_ms}, ${answer.idempotencyKey})
    RETURNING id, created_at`;
  await tx.$executeRaw`UPDATE assignments SET status = 'SUBMITTED', submitted_at = now() WHERE id = ${assignment.id}::uuid`;
  return { judgmentId: judgment.id, assignmentId: assignment.id, createdAt: judgment.created_at.toISOString(), replayed: false };
}
