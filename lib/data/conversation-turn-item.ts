import "server-only";
// A turn whose samples are all complete becomes an ordinary item of the conversation's live batch:
// context = the conversation so far, candidates = the samples in the positions the worker saw them,
// leased to the conversing worker. From here on the turn is answered, counted and exported like any
// imported comparison.
import type { SqlRunner } from "@/lib/db/sql-runner";

// Claims never reach a DIALOGUE project's items, so the lease only has to outlast a worker who leaves a
// conversation open for days; an admin closing the batch ends it sooner.
const LIVE_TURN_LEASE = "7 days";

type TurnRow = {
  id: string;
  item_id: string | null;
  index: number;
  context: unknown;
  conversation_id: string;
  project_id: string;
  batch_id: string;
  worker_id: string;
  conversation_status: string;
  unfinished: number;
};

/** Makes the turn's item, candidates and lease once every sample is complete (the caller holds the turn's lock). */
export async function createTurnItem(sql: SqlRunner, turnId: string): Promise<void> {
  const [turn] = await sql.query<TurnRow>(
    `SELECT t.id, t.item_id, t.index, t.context, c.id AS conversation_id, c.project_id, c.batch_id, c.worker_id, c.status AS conversation_status,
            (SELECT count(*) FROM turn_samples s WHERE s.turn_id = t.id AND s.status <> 'COMPLETE')::int AS unfinished
     FROM conversation_turns t JOIN conversations c ON c.id = t.conversation_id
     WHERE t.id = $1::uuid`,
    [turnId],
  );
  if (!turn || turn.item_id || turn.unfinished > 0 || turn.conversation_status !== "ACTIVE") return;
  // The batch's row lock numbers items one at a time; a paused batch lets turns under way finish.
  const [batch] = await sql.query<{ position: number }>(
    "UPDATE batches SET item_count = item_count + 1 WHERE id = $1::uuid AND status IN ('ACTIVE', 'PAUSED') RETURNING item_count AS position",
    [turn.batch_id],
  );
  if (!batch) return;
  const [item] = await sql.query<{ id: string }>(
    `INSERT INTO items (project_id, batch_id, position, context, meta)
     VALUES ($1::uuid, $2::uuid, $3, $4::jsonb, jsonb_build_object('source', 'live', 'conversationId', $5::text, 'turn', $6::int))
     RETURNING id`,
    [turn.project_id, turn.batch_id, batch.position, JSON.stringify(turn.context), turn.conversation_id, turn.index],
  );
  await sql.execute(
    `INSERT INTO candidates (item_id, position, text, model, meta)
     SELECT $1::uuid, s.label, s.text, s.settings->>'endpoint',
            s.settings || jsonb_build_object('source', 'live', 'attempt', s.attempt, 'finishReason', s.finish_reason,
              'firstTokenMs', s.first_token_ms, 'durationMs', s.duration_ms, 'promptTokens', s.prompt_tokens, 'completionTokens', s.completion_tokens)
     FROM turn_samples s WHERE s.turn_id = $2::uuid`,
    [item.id, turn.id],
  );
  await sql.execute(
    "UPDATE turn_samples s SET candidate_id = c.id FROM candidates c WHERE c.item_id = $1::uuid AND s.turn_id = $2::uuid AND s.label = c.position",
    [item.id, turn.id],
  );
  const [assignment] = await sql.query<{ id: string }>(
    `INSERT INTO assignments (project_id, item_id, worker_id, display_order, lease_expires_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, ARRAY(SELECT id FROM candidates WHERE item_id = $2::uuid ORDER BY position), now() + interval '${LIVE_TURN_LEASE}')
     RETURNING id`,
    [turn.project_id, item.id, turn.worker_id],
  );
  await sql.execute("UPDATE conversation_turns SET item_id = $2::uuid, assignment_id = $3::uuid WHERE id = $1::uuid", [turn.id, item.id, assignment.id]);
}
