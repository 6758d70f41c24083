import "server-only";
// A live conversation's turns: the worker's message starts K samples (stored in the same transaction,
// keyed by an idempotency key, so a retried send finds the same turn instead of starting a second
// generation); once they are complete the worker answers the turn like any task, and the pick (or the
// worker's edit of it) is what the conversation continues with.
import { pool } from "@/lib/db/prisma";
import { inTransaction, type SqlRunner } from "@/lib/db/sql-runner";
import { idOrNotFound } from "@/lib/validations/ids";
import {
  claimSamplesWithin,
  ENDPOINT_ACCESS_SQL,
  generationJob,
  notifyTurn,
  TURN_CHANNEL,
  type EndpointAccess,
  type GenerationJob,
  type SampleSettings,
} from "@/lib/data/conversation-samples";
import { adaptivePairingState } from "@/lib/data/quality/adaptive-state";
import { chooseEndpoints, pairKey, type PairingRuleName } from "@/lib/models/pairing";
import { startClaimedGeneration, startGeneration } from "@/lib/models/generation";
import type { Actor } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import type { ChatMessage } from "@/lib/models/chat-stream";
import { sendMessageSchema } from "@/lib/validations/conversation";
import { parseInput } from "@/lib/validations/parse";

type SendingConversation = {
  id: string;
  status: string;
  project_id: string;
  turn_count: number;
  task_description: string | null;
  samples_per_turn: number;
  max_turns: number;
  pairing_rule: PairingRuleName;
  red_team: boolean;
  batch_status: string;
  endpoints: Endpoint[];
};

type Endpoint = { id: string; settings: SampleSettings; access: EndpointAccess; maxConcurrent: number };

export type SentMessage = { turnId: string; index: number; replayed: boolean };

/** Stores the worker's message and the K samples that will answer it, then starts generating them. */
export async function sendMessage({ actor, conversationId, input }: { actor: Actor; conversationId: string; input: unknown }): Promise<SentMessage> {
  const { content, idempotencyKey } = parseInput(sendMessageSchema, input);
  const sent = await inTransaction(pool(), async (sql) => {
    const conversation = await lockForSending(sql, idOrNotFound(conversationId, "conversation"), actor.id);
    const { earlier, last } = await turnsSoFar(sql, conversation.id, idempotencyKey);
    if (earlier) return { turnId: earlier.id, index: earlier.index, replayed: true, jobs: [], pendingIds: await pendingSampleIds(sql, earlier.id) };
    refuseSending(conversation);
    const context = nextContext(last, content);
    const { endpoints, pairing_rule: rule } = conversation;
    const chosen = chooseEndpoints({
      rule,
      endpointIds: endpoints.map((endpoint) => endpoint.id),
      samples: conversation.samples_per_turn,
      pairTurns: rule === "BALANCED" ? await pairTurns(sql, conversation.project_id) : undefined,
      adaptive:
        rule === "ADAPTIVE"
          ? await adaptivePairingState(
              sql,
              conversation.project_id,
              endpoints.map(({ id, settings }) => ({ id, name: settings.endpoint })),
            )
          : undefined,
    });
    const turn = { conversationId: conversation.id, index: conversation.turn_count, idempotencyKey, context };
    const { turnId, jobs } = await insertTurnAndClaimSamples(sql, { turn, chosen, endpoints, rule });
    await finishSending(sql, { conversationId: conversation.id, projectId: conversation.project_id, turnId, chosen });
    return { turnId, index: conversation.turn_count, replayed: false, jobs, pendingIds: [] as string[] };
  });
  // Claimed with the message, so the requests to the models start now; a sample over its endpoint's
  // limit, or left pending by a crash before a retry, is started here or by the dispatcher.
  startClaimedGeneration(sent.jobs);
  startGeneration(sent.pendingIds);
  return { turnId: sent.turnId, index: sent.index, replayed: sent.replayed };
}

/** Locks the conversation (its sends go one at a time) and reads what sending needs, the project's endpoints with it. */
async function lockForSending(sql: SqlRunner, conversationId: string, workerId: string): Promise<SendingConversation> {
  const [conversation] = await sql.query<SendingConversation>(
    `SELECT c.id, c.status, c.project_id, c.turn_count, c.task_description, p.samples_per_turn, p.max_turns, p.pairing_rule, p.red_team,
            b.status AS batch_status,
            COALESCE((SELECT json_agg(json_build_object('id', e.id, 'maxConcurrent', e.max_concurrent, 'access', ${ENDPOINT_ACCESS_SQL},
                        'settings', json_build_object('endpoint', e.name, 'modelId', e.model_id, 'temperature', e.temperature, 'topP', e.top_p,
                          'maxTokens', e.max_tokens, 'stop', e.stop, 'seed', e.seed, 'systemPrompt', e.system_prompt)) ORDER BY e.id)
                      FROM project_endpoints pe JOIN model_endpoints e ON e.id = pe.endpoint_id
                      WHERE pe.project_id = p.id AND e.archived_at IS NULL), '[]') AS endpoints
     FROM conversations c JOIN projects p ON p.id = c.project_id JOIN batches b ON b.id = c.batch_id
     WHERE c.id = $1::uuid AND c.worker_id = $2::uuid
     FOR UPDATE OF c`,
    [conversationId, workerId],
  );
  if (!conversation) throw new AppError("NOT_FOUND", "No conversation of yours with this id");
  return conversation;
}

type LastTurn = { context: ChatMessage[]; reply: string | null };

// Its own statement, after the lock: a retry that waited for the lock sees the turn the first one made.
async function turnsSoFar(sql: SqlRunner, conversationId: string, idempotencyKey: string) {
  const [row] = await sql.query<{ earlier: { id: string; index: number } | null; last: LastTurn | null }>(
    `SELECT (SELECT json_build_object('id', id, 'index', index) FROM conversation_turns WHERE conversation_id = $1::uuid AND idempotency_key = $2) AS earlier,
            (SELECT json_build_object('context', context, 'reply', reply) FROM conversation_turns
              WHERE conversation_id = $1::uuid ORDER BY index DESC LIMIT 1) AS last`,
    [conversationId, idempotencyKey],
  );
  return row;
}

function refuseSending(conversation: SendingConversation) {
  if (conversation.status !== "ACTIVE") throw new AppError("CONFLICT", "This conversation has ended");
  if (conversation.batch_status !== "ACTIVE") throw new AppError("CONFLICT", "Collection in this project is paused by an admin; your conversation is kept");
  if (conversation.red_team && !conversation.task_description) {
    throw new AppError("INVALID_INPUT", "taskDescription: write what you will try before your first message", [
      { field: "taskDescription", message: "write what you will try before your first message" },
    ]);
  }
  if (conversation.endpoints.length === 0) throw new AppError("CONFLICT", "This project has no model to talk to; an admin must add one");
  if (conversation.turn_count >= conversation.max_turns)
    throw new AppError("CONFLICT", `This conversation has had its ${conversation.max_turns} turns: end it with your rating`);
}

/** The messages the samples answer: the last turn's context, its continued reply, then the new message. */
function nextContext(last: LastTurn | null, content: string): ChatMessage[] {
  if (!last) return [{ role: "user", content }];
  if (last.reply === null) throw new AppError("CONFLICT", "Answer the current turn before you write the next message");
  return [...last.context, { role: "assistant", content: last.reply }, { role: "user", content }];
}

type NewTurn = {
  turn: { conversationId: string; index: number; idempotencyKey: string; context: ChatMessage[] };
  chosen: string[];
  endpoints: Endpoint[];
  rule: PairingRuleName;
};

/**
 * The turn and one sample row per label, in one statement, then the samples claimed at once where their
 * endpoints have a free slot. Samples of one seeded endpoint get seeds apart, or they would be the same text.
 */
async function insertTurnAndClaimSamples(sql: SqlRunner, { turn, chosen, endpoints, rule }: NewTurn): Promise<{ turnId: string; jobs: GenerationJob[] }> {
  const endpointOf = (id: string) => endpoints.find((endpoint) => endpoint.id === id)!;
  const settings = chosen.map((id, label) => {
    const { seed } = endpointOf(id).settings;
    return { ...endpointOf(id).settings, seed: seed !== null && rule === "SAME_MODEL" ? seed + label : seed };
  });
  const rows = await sql.query<{ id: string; label: number; turn_id: string }>(
    `WITH turn AS (
       INSERT INTO conversation_turns (conversation_id, index, idempotency_key, context) VALUES ($1::uuid, $2, $3, $4::jsonb) RETURNING id)
     INSERT INTO turn_samples (turn_id, label, endpoint_id, settings)
     SELECT turn.id, row.label, row.endpoint_id, row.settings FROM turn, unnest($5::int[], $6::uuid[], $7::jsonb[]) AS row(label, endpoint_id, settings)
     RETURNING id, label, turn_id`,
    [
      turn.conversationId,
      turn.index,
      turn.idempotencyKey,
      JSON.stringify(turn.context),
      chosen.map((_, label) => label),
      chosen,
      settings.map((value) => JSON.stringify(value)),
    ],
  );
  const turnId = rows[0].turn_id;
  const claimed = await claimSamplesWithin(
    sql,
    rows.map((row) => row.id),
  );
  const jobs = rows
    .filter((row) => claimed.has(row.id))
    .map((row) =>
      generationJob({
        sampleId: row.id,
        turnId,
        attempt: 1,
        endpoint: endpointOf(chosen[row.label]).access,
        settings: settings[row.label],
        context: turn.context,
      }),
    );
  return { turnId, jobs };
}

/** Counts each pair of different endpoints that met in this turn (what BALANCED evens out), moves the conversation on, and notifies. */
async function finishSending(
  sql: SqlRunner,
  { conversationId, projectId, turnId, chosen }: { conversationId: string; projectId: string; turnId: string; chosen: string[] },
) {
  const distinct = [...new Set(chosen)].sort();
  const pairs = distinct.flatMap((a, i) => distinct.slice(i + 1).map((b) => [a, b]));
  await sql.query(
    `WITH pairs AS (
       INSERT INTO endpoint_pair_counts (project_id, endpoint_a, endpoint_b, turns)
       SELECT $1::uuid, pair.a, pair.b, 1 FROM unnest($2::uuid[], $3::uuid[]) AS pair(a, b)
       ON CONFLICT (project_id, endpoint_a, endpoint_b) DO UPDATE SET turns = endpoint_pair_counts.turns + 1),
     moved_on AS (UPDATE conversations SET turn_count = turn_count + 1, draft = NULL, draft_saved_at = NULL WHERE id = $4::uuid)
     SELECT pg_notify('${TURN_CHANNEL}', $5::text)::text`,
    [projectId, pairs.map((pair) => pair[0]), pairs.map((pair) => pair[1]), conversationId, turnId],
  );
}

async function pendingSampleIds(sql: SqlRunner, turnId: string): Promise<string[]> {
  const rows = await sql.query<{ id: string }>("SELECT id FROM turn_samples WHERE turn_id = $1::uuid AND status = 'PENDING'", [turnId]);
  return rows.map((row) => row.id);
}

async function pairTurns(sql: SqlRunner, projectId: string): Promise<Map<string, number>> {
  const rows = await sql.query<{ a: string; b: string; turns: number }>(
    "SELECT endpoint_a AS a, endpoint_b AS b, turns FROM endpoint_pair_counts WHERE project_id = $1::uuid",
    [projectId],
  );
  return new Map(rows.map((row) => [pairKey(row.a, row.b), row.turns]));
}

/** Starts a failed sample again (a new attempt, from nothing); its label and endpoint stay. */
export async function regenerateSample({
  actor,
  conversationId,
  turnId,
  label,
}: {
  actor: Actor;
  conversationId: string;
  turnId: string;
  label: string;
}): Promise<void> {
  const index = /^[A-I]$/.test(label) ? label.charCodeAt(0) - 65 : -1;
  const sampleIds = await inTransaction(pool(), async (sql) => {
    const [turn] = await sql.query<{ id: string; status: string }>(
      `SELECT t.id, c.status FROM conversation_turns t JOIN conversations c ON c.id = t.conversation_id
       WHERE t.id = $1::uuid AND c.id = $2::uuid AND c.worker_id = $3::uuid FOR UPDATE OF t`,
      [idOrNotFound(turnId, "turn"), idOrNotFound(conversationId, "conversation"), actor.id],
    );
    if (!turn) throw new AppError("NOT_FOUND", "No turn of yours with this id");
    if (turn.status !== "ACTIVE") throw new AppError("CONFLICT", "This conversation has ended");
    const rows = await sql.query<{ id: string }>(
      `UPDATE turn_samples SET status = 'PENDING', attempt = attempt + 1, text = '', failure_kind = NULL, error = NULL, finish_reason = NULL,
              first_token_ms = NULL, duration_ms = NULL, prompt_tokens = NULL, completion_tokens = NULL, started_at = NULL, heartbeat_at = NULL
       WHERE turn_id = $1::uuid AND label = $2 AND status = 'FAILED' AND failure_kind <> 'cancelled' RETURNING id`,
      [turn.id, index],
    );
    if (rows.length === 0) throw new AppError("CONFLICT", `Response ${label} has not failed: only a failed response can be regenerated`);
    await notifyTurn(sql, turn.id);
    return rows.map((row) => row.id);
  });
  startGeneration(sampleIds);
}
