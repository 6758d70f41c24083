import "server-only";
// Answering a live turn: the judgment is stored by the same code as any task's (exactly once, by its
// idempotency key), then the pick becomes the conversation's next assistant message. A worker who edits
// the pick first gets the edit stored as an item of its own: the edit preferred over the sample it
// changed, judged by them, so every export carries it as one more comparison.
import { pool } from "@/lib/db/prisma";
import { inTransaction, type SqlRunner } from "@/lib/db/sql-runner";
import { idOrNotFound } from "@/lib/validations/ids";
import { submitJudgmentWithin, type SubmittedJudgment } from "@/lib/data/submit-judgment";
import type { Actor } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { PAIRWISE_SCALES, type PairwiseScaleName } from "@/lib/judgment-scales";
import { answerTurnSchema } from "@/lib/validations/conversation";
import { parseInput } from "@/lib/validations/parse";

type AnsweringTurn = {
  id: string;
  index: number;
  context: unknown;
  assignment_id: string | null;
  answered_at: Date | null;
  conversation_id: string;
  conversation_status: string;
  project_id: string;
  batch_id: string;
  pairwise_scale: PairwiseScaleName;
};

export type AnsweredTurn = SubmittedJudgment & { reply: string; edited: boolean };

export async function answerTurn({
  actor,
  conversationId,
  turnId,
  input,
}: {
  actor: Actor;
  conversationId: string;
  turnId: string;
  input: unknown;
}): Promise<AnsweredTurn> {
  const { answer, editedReply } = parseInput(answerTurnSchema, input);
  if (answer.bothBad)
    throw new AppError("INVALID_INPUT", "bothBad: a live turn needs a pick to go on with", [{ field: "bothBad", message: "a live turn needs a pick" }]);
  return inTransaction(pool(), async (sql) => {
    const turn = await lockOwnTurn(sql, conversationId, turnId, actor.id);
    if (!turn.assignment_id) throw new AppError("CONFLICT", "The responses are not all complete yet");
    if (turn.conversation_status !== "ACTIVE" && !turn.answered_at) throw new AppError("CONFLICT", "This conversation has ended");
    const judgment = await submitJudgmentWithin(sql, { workerId: actor.id, assignmentId: turn.assignment_id, answer, liveTurn: true });
    if (judgment.replayed) return { ...judgment, ...(await storedReply(sql, turn.id)) };
    const picked = await pickedCandidate(sql, judgment.judgmentId);
    const edit = editedReply !== undefined && editedReply.trim() !== "" && editedReply.trim() !== picked.text.trim() ? editedReply.trim() : null;
    const pairwise = answer.strength !== undefined;
    const editItemId = edit ? await storeEdit(sql, { turn, picked, edit, pairwise, workerId: actor.id, idempotencyKey: answer.idempotencyKey }) : null;
    await sql.execute(
      "UPDATE conversation_turns SET picked_candidate_id = $2::uuid, reply = $3, edit_item_id = $4::uuid, answered_at = now() WHERE id = $1::uuid",
      [turn.id, picked.id, edit ?? picked.text, editItemId],
    );
    return { ...judgment, reply: edit ?? picked.text, edited: edit !== null };
  });
}

async function lockOwnTurn(sql: SqlRunner, conversationId: string, turnId: string, workerId: string): Promise<AnsweringTurn> {
  const [turn] = await sql.query<AnsweringTurn>(
    `SELECT t.id, t.index, t.context, t.assignment_id, t.answered_at, c.id AS conversation_id, c.status AS conversation_status,
            c.project_id, c.batch_id, p.pairwise_scale
     FROM conversation_turns t JOIN conversations c ON c.id = t.conversation_id JOIN projects p ON p.id = c.project_id
     WHERE t.id = $1::uuid AND c.id = $2::uuid AND c.worker_id = $3::uuid
     FOR UPDATE OF t`,
    [idOrNotFound(turnId, "turn"), idOrNotFound(conversationId, "conversation"), workerId],
  );
  if (!turn) throw new AppError("NOT_FOUND", "No turn of yours with this id");
  return turn;
}

async function storedReply(sql: SqlRunner, turnId: string): Promise<{ reply: string; edited: boolean }> {
  const [turn] = await sql.query<{ reply: string; edited: boolean }>(
    "SELECT reply, edit_item_id IS NOT NULL AS edited FROM conversation_turns WHERE id = $1::uuid",
    [turnId],
  );
  return turn;
}

type PickedCandidate = { id: string; text: string; model: string | null; meta: unknown };

/** The best response of the answer; in a tie, the one shown first. */
async function pickedCandidate(sql: SqlRunner, judgmentId: string): Promise<PickedCandidate> {
  const [picked] = await sql.query<PickedCandidate>(
    `SELECT c.id, c.text, c.model, c.meta
     FROM judgments j JOIN assignments a ON a.id = j.assignment_id
     CROSS JOIN LATERAL unnest(a.display_order) WITH ORDINALITY AS shown(candidate_id, place)
     JOIN candidates c ON c.id = shown.candidate_id
     WHERE j.id = $1::uuid AND j.ranking->0 ? c.id::text
     ORDER BY shown.place LIMIT 1`,
    [judgmentId],
  );
  return picked;
}

/** The edit as its own two-response item (edit first), with the worker's judgment preferring it strongly. */
async function storeEdit(
  sql: SqlRunner,
  {
    turn,
    picked,
    edit,
    pairwise,
    workerId,
    idempotencyKey,
  }: { turn: AnsweringTurn; picked: PickedCandidate; edit: string; pairwise: boolean; workerId: string; idempotencyKey: string },
): Promise<string> {
  const [batch] = await sql.query<{ position: number }>("UPDATE batches SET item_count = item_count + 1 WHERE id = $1::uuid RETURNING item_count AS position", [
    turn.batch_id,
  ]);
  const [item] = await sql.query<{ id: string }>(
    `INSERT INTO items (project_id, batch_id, position, context, meta, judgment_count, is_complete)
     VALUES ($1::uuid, $2::uuid, $3, $4::jsonb, jsonb_build_object('source', 'live-edit', 'conversationId', $5::text, 'turn', $6::int), 1, true)
     RETURNING id`,
    [turn.project_id, turn.batch_id, batch.position, JSON.stringify(turn.context), turn.conversation_id, turn.index],
  );
  const [editId, originalId] = (
    await sql.query<{ id: string }>(
      `INSERT INTO candidates (item_id, position, text, model, meta)
       VALUES ($1::uuid, 0, $2, NULL, jsonb_build_object('source', 'edit', 'editOf', $3::text)), ($1::uuid, 1, $4, $5, $6::jsonb)
       RETURNING id`,
      [item.id, edit, picked.id, picked.text, picked.model, JSON.stringify(picked.meta)],
    )
  ).map((row) => row.id);
  const [assignment] = await sql.query<{ id: string }>(
    `INSERT INTO assignments (project_id, item_id, worker_id, display_order, status, lease_expires_at, submitted_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, ARRAY[$4::uuid, $5::uuid], 'SUBMITTED', now(), now()) RETURNING id`,
    [turn.project_id, item.id, workerId, editId, originalId],
  );
  // On a pair's scale the edit (A) is "much better"; in a ranking project the order says it.
  const strength = pairwise ? PAIRWISE_SCALES[turn.pairwise_scale][0].strength : null;
  await sql.execute(
    `INSERT INTO judgments (assignment_id, project_id, item_id, worker_id, ranking, strength, time_spent_ms, idempotency_key)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid, $5::jsonb, $6, 0, $7)`,
    [assignment.id, turn.project_id, item.id, workerId, JSON.stringify([[editId], [originalId]]), strength, `${idempotencyKey}:edit`],
  );
  return item.id;
}
