import "server-only";
// The generation side of live conversations, as plain SQL: a process claims a pending sample (within its
// endpoint's limit on concurrent requests, counted across every process), appends text as it streams,
// and completes or fails it. Every change sends a NOTIFY on the turn, so whichever process serves the
// worker's browser hears of it. A sample changed under a stream (regenerated, or its conversation
// ended) no longer matches the stream's attempt: the stream's next write finds nothing and stops.
import type pg from "pg";
import { executePool, inTransaction, queryPool, type SqlRunner } from "@/lib/db/sql-runner";
import type { ChatMessage } from "@/lib/models/chat-stream";
import type { SampleFailure } from "@/lib/models/sample-failure";
import type { EndpointSampling } from "@/lib/models/sampling";
import { createTurnItem } from "@/lib/data/conversation-turn-item";

export const TURN_CHANNEL = "preflab_turn";

/** What a sample was asked with: its endpoint's name and model, and the sampling settings of the time. */
export type SampleSettings = EndpointSampling & { endpoint: string; modelId: string };

export type EndpointAccess = { builtin: boolean; baseUrl: string; apiKeyEnv: string | null; apiKeyEncrypted: string | null; timeoutSeconds: number };

export type GenerationJob = {
  sampleId: string;
  turnId: string;
  attempt: number;
  endpoint: EndpointAccess;
  settings: SampleSettings;
  messages: ChatMessage[];
};

/** An endpoint's address and key source, as a JSON object (alias e), for EndpointAccess. */
export const ENDPOINT_ACCESS_SQL = `json_build_object('builtin', e.builtin, 'baseUrl', e.base_url, 'apiKeyEnv', e.api_key_env,
  'apiKeyEncrypted', e.api_key_encrypted, 'timeoutSeconds', e.timeout_seconds)`;

type ClaimRow = Omit<GenerationJob, "messages"> & { context: ChatMessage[] };

/** A claimed sample as its generation needs it: the endpoint's own system prompt first, then the turn's messages. */
export function generationJob(row: Omit<GenerationJob, "messages"> & { context: ChatMessage[] }): GenerationJob {
  const system: ChatMessage[] = row.settings.systemPrompt ? [{ role: "system", content: row.settings.systemPrompt }] : [];
  return {
    sampleId: row.sampleId,
    turnId: row.turnId,
    attempt: row.attempt,
    endpoint: row.endpoint,
    settings: row.settings,
    messages: [...system, ...row.context],
  };
}

/**
 * Starts the pending samples whose endpoints have a free slot, counted across every process. Each
 * endpoint's row is locked first (FOR NO KEY UPDATE, in id order: two claims never wait on each other in
 * a circle, and inserting samples, which only takes a key-share lock, is not held up), so two processes
 * cannot both take an endpoint's last slot; the claim that waited counts the other's samples in its next
 * statement. Returns the samples claimed; the others stay pending for the dispatcher.
 */
export async function claimSamplesWithin(sql: SqlRunner, sampleIds: string[]): Promise<Set<string>> {
  await sql.query(
    `SELECT e.id FROM model_endpoints e WHERE e.id IN (SELECT endpoint_id FROM turn_samples WHERE id = ANY($1::uuid[]))
     ORDER BY e.id FOR NO KEY UPDATE OF e`,
    [sampleIds],
  );
  const rows = await sql.query<{ id: string }>(
    `WITH free AS (
       SELECT e.id, e.max_concurrent - (SELECT count(*) FROM turn_samples s WHERE s.endpoint_id = e.id AND s.status = 'STREAMING') AS slots
       FROM model_endpoints e WHERE e.id IN (SELECT endpoint_id FROM turn_samples WHERE id = ANY($1::uuid[]))),
     ranked AS (
       SELECT t.id, t.endpoint_id, row_number() OVER (PARTITION BY t.endpoint_id ORDER BY t.created_at, t.label) AS place
       FROM turn_samples t WHERE t.id = ANY($1::uuid[]) AND t.status = 'PENDING')
     UPDATE turn_samples s SET status = 'STREAMING', started_at = now(), heartbeat_at = now()
     FROM ranked r JOIN free f ON f.id = r.endpoint_id
     WHERE s.id = r.id AND r.place <= f.slots
     RETURNING s.id`,
    [sampleIds],
  );
  return new Set(rows.map((row) => row.id));
}

/** Starts one pending sample (the dispatcher's way, and a regenerated sample's) if its endpoint has a free slot. */
export async function claimSample(pool: pg.Pool, sampleId: string): Promise<GenerationJob | null> {
  return inTransaction(pool, async (sql) => {
    const [row] = await sql.query<ClaimRow>(
      `SELECT s.id AS "sampleId", s.turn_id AS "turnId", s.attempt, s.settings, t.context, ${ENDPOINT_ACCESS_SQL} AS endpoint
       FROM turn_samples s JOIN conversation_turns t ON t.id = s.turn_id JOIN model_endpoints e ON e.id = s.endpoint_id
       WHERE s.id = $1::uuid AND s.status = 'PENDING'
       FOR UPDATE OF s SKIP LOCKED`,
      [sampleId],
    );
    if (!row || !(await claimSamplesWithin(sql, [sampleId])).has(sampleId)) return null;
    await notifyTurn(sql, row.turnId);
    return generationJob(row);
  });
}

export async function notifyTurn(sql: SqlRunner, turnId: string): Promise<void> {
  await sql.query("SELECT pg_notify($1, $2)", [TURN_CHANNEL, turnId]);
}

/**
 * Appends streamed text; false when the sample was changed under the stream, which must then stop.
 * With notify, other processes' streams of the turn hear of it. Not every write notifies: a NOTIFY
 * holds PostgreSQL's notification queue lock until its transaction's commit is flushed, so notifying
 * every write would make all streamed writes commit one at a time (this process's own streams are
 * woken in memory, at once).
 */
export async function appendSampleText(
  pool: pg.Pool,
  { sampleId, attempt, text, notify }: { sampleId: string; attempt: number; text: string; notify: boolean },
): Promise<boolean> {
  const update = "UPDATE turn_samples SET text = text || $3, heartbeat_at = now() WHERE id = $1::uuid AND attempt = $2 AND status = 'STREAMING'";
  if (!notify) return (await executePool(pool, update, [sampleId, attempt, text])) === 1;
  const rows = await queryPool(pool, `WITH sample AS (${update} RETURNING turn_id) SELECT pg_notify('${TURN_CHANNEL}', turn_id::text)::text FROM sample`, [
    sampleId,
    attempt,
    text,
  ]);
  return rows.length > 0;
}

export async function sampleStillStreaming(pool: pg.Pool, { sampleId, attempt }: { sampleId: string; attempt: number }): Promise<boolean> {
  const rows = await queryPool(pool, "SELECT 1 FROM turn_samples WHERE id = $1::uuid AND attempt = $2 AND status = 'STREAMING'", [sampleId, attempt]);
  return rows.length > 0;
}

export type SampleOutcome = {
  sampleId: string;
  attempt: number;
  rest: string;
  finishReason: string;
  firstTokenMs: number | null;
  durationMs: number;
  promptTokens: number | null;
  completionTokens: number | null;
};

/**
 * Completes a sample; the last of a turn to complete turns the turn into an item leased to its worker.
 * The turn's row lock makes "the last one" hold when samples finish at once in several processes.
 */
export async function completeSample(pool: pg.Pool, outcome: SampleOutcome): Promise<boolean> {
  return inTransaction(pool, async (sql) => {
    const [turn] = await sql.query<{ id: string }>(
      "SELECT t.id FROM conversation_turns t WHERE t.id = (SELECT turn_id FROM turn_samples WHERE id = $1::uuid) FOR UPDATE",
      [outcome.sampleId],
    );
    if (!turn) return false;
    const completed = await sql.execute(
      `UPDATE turn_samples SET status = 'COMPLETE', text = text || $3, finish_reason = $4, first_token_ms = $5, duration_ms = $6,
              prompt_tokens = $7, completion_tokens = $8, completed_at = now(), heartbeat_at = now()
       WHERE id = $1::uuid AND attempt = $2 AND status = 'STREAMING'`,
      [
        outcome.sampleId,
        outcome.attempt,
        outcome.rest,
        outcome.finishReason,
        outcome.firstTokenMs,
        outcome.durationMs,
        outcome.promptTokens,
        outcome.completionTokens,
      ],
    );
    if (completed === 0) return false;
    await createTurnItem(sql, turn.id);
    await notifyTurn(sql, turn.id);
    return true;
  });
}

/** Marks a sample failed (never stored as a candidate); the worker may regenerate it. */
export async function failSample(pool: pg.Pool, { sampleId, attempt, failure }: { sampleId: string; attempt: number; failure: SampleFailure }): Promise<void> {
  await queryPool(
    pool,
    `WITH sample AS (
       UPDATE turn_samples SET status = 'FAILED', failure_kind = $3, error = $4, heartbeat_at = now()
       WHERE id = $1::uuid AND attempt = $2 AND status IN ('PENDING', 'STREAMING') RETURNING turn_id)
     SELECT pg_notify('${TURN_CHANNEL}', turn_id::text) FROM sample`,
    [sampleId, attempt, failure.kind, failure.detail.slice(0, 2000)],
  );
}

/** Samples left streaming by a process that died: no progress for longer than their endpoint's timeout. */
export async function failStaleSamples(pool: pg.Pool): Promise<number> {
  const rows = await queryPool<{ turn_id: string }>(
    pool,
    `WITH stale AS (
       UPDATE turn_samples s SET status = 'FAILED', failure_kind = 'stopped',
              error = 'no progress for longer than the endpoint''s timeout: the process generating it stopped'
       FROM model_endpoints e
       WHERE s.endpoint_id = e.id AND s.status = 'STREAMING' AND s.heartbeat_at < now() - make_interval(secs => e.timeout_seconds + 15)
       RETURNING s.turn_id)
     SELECT turn_id, pg_notify('${TURN_CHANNEL}', turn_id::text) FROM (SELECT DISTINCT turn_id FROM stale) AS turns`,
  );
  return rows.length;
}

/** Samples waiting for a process (oldest first): after a restart, or once an endpoint has a free slot. */
export async function findPendingSamples(pool: pg.Pool, limit: number): Promise<string[]> {
  const rows = await queryPool<{ id: string }>(pool, "SELECT id FROM turn_samples WHERE status = 'PENDING' ORDER BY created_at, id LIMIT $1", [limit]);
  return rows.map((row) => row.id);
}
