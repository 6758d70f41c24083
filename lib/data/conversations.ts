import "server-only";
// Live conversations from the worker's side: start one (or find the one in progress), keep the typed
// message as a draft, write the red-team plan, and end it with the ratings. Sending messages and
// answering turns are in conversation-turns.ts. Every function takes the acting worker and puts their
// id in the WHERE: a conversation is only ever its worker's.
import { pool } from "@/lib/db/prisma";
import { inTransaction, queryPool, type SqlRunner } from "@/lib/db/sql-runner";
import { idOrNotFound } from "@/lib/validations/ids";
import { notifyTurn } from "@/lib/data/conversation-samples";
import type { Actor } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { ratingOptions } from "@/lib/conversation-ratings";
import { conversationDraftSchema, endConversationSchema, startConversationSchema, taskDescriptionSchema } from "@/lib/validations/conversation";
import { parseInput } from "@/lib/validations/parse";

type StartProject = { id: string; judgment_kind: string; red_team: boolean; daily_cap: number | null; open_to_worker: boolean; endpoints: number };

/** The worker's conversation in progress in the project, or a new one. */
export async function startConversation({
  actor,
  projectSlug,
  input,
}: {
  actor: Actor;
  projectSlug: string;
  input: unknown;
}): Promise<{ conversationId: string; created: boolean }> {
  const { taskDescription } = parseInput(startConversationSchema, input ?? {});
  return inTransaction(pool(), async (sql) => {
    // The worker's row lock serialises their own starts (two tabs), as it does their claims.
    const [worker] = await sql.query("SELECT id FROM users WHERE id = $1::uuid AND blocked_at IS NULL FOR NO KEY UPDATE", [actor.id]);
    if (!worker) throw new AppError("FORBIDDEN", "This account is blocked");
    const project = await findStartProject(sql, projectSlug, actor.id);
    const [existing] = await sql.query<{ id: string }>(
      "SELECT id FROM conversations WHERE worker_id = $1::uuid AND project_id = $2::uuid AND status = 'ACTIVE'",
      [actor.id, project.id],
    );
    if (existing) return { conversationId: existing.id, created: false };
    await refuseOverDailyCap(sql, project, actor.id);
    const batchId = await openLiveBatch(sql, project.id);
    const [conversation] = await sql.query<{ id: string }>(
      "INSERT INTO conversations (project_id, worker_id, batch_id, task_description) VALUES ($1::uuid, $2::uuid, $3::uuid, $4) RETURNING id",
      [project.id, actor.id, batchId, project.red_team ? (taskDescription ?? null) : null],
    );
    return { conversationId: conversation.id, created: true };
  });
}

async function findStartProject(sql: SqlRunner, projectSlug: string, workerId: string): Promise<StartProject> {
  const [project] = await sql.query<StartProject>(
    `SELECT p.id, p.judgment_kind, p.red_team, p.daily_cap, project_open_to(p.id, $2::uuid) AS open_to_worker,
            (SELECT count(*) FROM project_endpoints pe JOIN model_endpoints e ON e.id = pe.endpoint_id
              WHERE pe.project_id = p.id AND e.archived_at IS NULL)::int AS endpoints
     FROM projects p WHERE p.slug = $1`,
    [projectSlug, workerId],
  );
  if (!project) throw new AppError("NOT_FOUND", `No project with slug "${projectSlug}"`);
  if (!project.open_to_worker) throw new AppError("FORBIDDEN", "This project is not open to you");
  if (project.judgment_kind !== "DIALOGUE")
    throw new AppError("CONFLICT", "This project compares prepared responses: take a task instead of starting a conversation");
  if (project.endpoints === 0) throw new AppError("CONFLICT", "This project has no model to talk to yet; an admin must add one");
  return project;
}

// In a DIALOGUE project the daily cap counts conversations started that UTC day.
async function refuseOverDailyCap(sql: SqlRunner, project: StartProject, workerId: string) {
  if (project.daily_cap === null) return;
  const [{ today }] = await sql.query<{ today: number }>(
    "SELECT count(*)::int AS today FROM conversations WHERE worker_id = $1::uuid AND project_id = $2::uuid AND created_at >= date_trunc('day', now(), 'UTC')",
    [workerId, project.id],
  );
  if (today >= project.daily_cap)
    throw new AppError("DAILY_CAP_REACHED", `You have reached today's limit of ${project.daily_cap} conversations in this project`);
}

/**
 * The batch that the project's turns become items of: made when the first conversation starts. An
 * admin pausing it holds new conversations and messages back; closing it ends its conversations, and
 * the next conversation starts a new batch.
 */
async function openLiveBatch(sql: SqlRunner, projectId: string): Promise<string> {
  const find = () =>
    sql.query<{ id: string; status: string }>(
      "SELECT id, status FROM batches WHERE project_id = $1::uuid AND source_format = 'live' AND status <> 'CLOSED' ORDER BY created_at DESC LIMIT 1",
      [projectId],
    );
  let [batch] = await find();
  if (!batch) {
    await sql.query("SELECT pg_advisory_xact_lock(hashtextextended('live-batch:' || $1::text, 0))", [projectId]);
    [batch] = await find();
  }
  batch ??= (
    await sql.query<{ id: string; status: string }>(
      `INSERT INTO batches (project_id, name, status, source_format, activated_at)
       VALUES ($1::uuid, 'Live conversations from ' || to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD'), 'ACTIVE', 'live', now())
       RETURNING id, status`,
      [projectId],
    )
  )[0];
  if (batch.status !== "ACTIVE") throw new AppError("CONFLICT", "Collection in this project is paused by an admin; try again later");
  return batch.id;
}

/** Keeps the message being typed, so a refresh or another device finds it. */
export async function saveConversationDraft({
  actor,
  conversationId,
  input,
}: {
  actor: Actor;
  conversationId: string;
  input: unknown;
}): Promise<{ savedAt: string }> {
  const { message } = parseInput(conversationDraftSchema, input);
  const [saved] = await queryPool<{ saved_at: Date }>(
    pool(),
    "UPDATE conversations SET draft = $3, draft_saved_at = now() WHERE id = $1::uuid AND worker_id = $2::uuid AND status = 'ACTIVE' RETURNING draft_saved_at AS saved_at",
    [idOrNotFound(conversationId, "conversation"), actor.id, message],
  );
  if (!saved) throw new AppError("NOT_FOUND", "No conversation of yours in progress with this id");
  return { savedAt: saved.saved_at.toISOString() };
}

/** The red-team plan, written (or rewritten) before the first message. */
export async function setTaskDescription({ actor, conversationId, input }: { actor: Actor; conversationId: string; input: unknown }): Promise<void> {
  const { taskDescription } = parseInput(taskDescriptionSchema, input);
  const [row] = await queryPool<{ red_team: boolean; turn_count: number; updated: boolean }>(
    pool(),
    `WITH target AS (SELECT c.id, p.red_team, c.turn_count FROM conversations c JOIN projects p ON p.id = c.project_id
                     WHERE c.id = $1::uuid AND c.worker_id = $2::uuid AND c.status = 'ACTIVE'),
          updated AS (UPDATE conversations c SET task_description = $3 FROM target t
                      WHERE c.id = t.id AND t.red_team AND t.turn_count = 0 RETURNING c.id)
     SELECT red_team, turn_count, EXISTS (SELECT 1 FROM updated) AS updated FROM target`,
    [idOrNotFound(conversationId, "conversation"), actor.id, taskDescription],
  );
  if (!row) throw new AppError("NOT_FOUND", "No conversation of yours in progress with this id");
  if (!row.red_team) throw new AppError("CONFLICT", "Only red-team conversations have a task description");
  if (!row.updated) throw new AppError("CONFLICT", "The task description is fixed once the conversation has started");
}

type EndingConversation = { id: string; status: string; red_team: boolean; min_turns: number; answered: number; rating: number | null };

/** Ends the conversation with its ratings. Ending it again with the same rating changes nothing. */
export async function endConversation({ actor, conversationId, input }: { actor: Actor; conversationId: string; input: unknown }): Promise<void> {
  const { rating, comment } = parseInput(endConversationSchema, input);
  await inTransaction(pool(), async (sql) => {
    const conversation = await lockOwnConversation(sql, conversationId, actor.id);
    if (conversation.status === "COMPLETED" && conversation.rating === rating) return;
    if (conversation.status !== "ACTIVE") throw new AppError("CONFLICT", "This conversation has already ended");
    const allowed = ratingOptions(conversation.red_team).map((option) => option.value);
    if (!allowed.includes(rating))
      throw new AppError("INVALID_INPUT", `rating: choose one of ${allowed.join(", ")}`, [{ field: "rating", message: `choose one of ${allowed.join(", ")}` }]);
    if (conversation.answered < conversation.min_turns) {
      throw new AppError("CONFLICT", `Hold at least ${conversation.min_turns} turns before ending the conversation (${conversation.answered} so far)`);
    }
    await cancelOpenTurn(sql, conversation.id);
    await sql.execute("UPDATE conversations SET status = 'COMPLETED', rating = $2, comment = $3, ended_at = now(), draft = NULL WHERE id = $1::uuid", [
      conversation.id,
      rating,
      comment || null,
    ]);
  });
}

/** Leaves the conversation (the way out of a red-team task): what was answered stays, the rest stops. */
export async function abandonConversation({ actor, conversationId }: { actor: Actor; conversationId: string }): Promise<void> {
  await inTransaction(pool(), async (sql) => {
    const conversation = await lockOwnConversation(sql, conversationId, actor.id);
    if (conversation.status !== "ACTIVE") return;
    await cancelOpenTurn(sql, conversation.id);
    await sql.execute("UPDATE conversations SET status = 'ABANDONED', ended_at = now() WHERE id = $1::uuid", [conversation.id]);
  });
}

async function lockOwnConversation(sql: SqlRunner, conversationId: string, workerId: string): Promise<EndingConversation> {
  const [conversation] = await sql.query<EndingConversation>(
    `SELECT c.id, c.status, c.rating, p.red_team, p.min_turns,
            (SELECT count(*) FROM conversation_turns t WHERE t.conversation_id = c.id AND t.answered_at IS NOT NULL)::int AS answered
     FROM conversations c JOIN projects p ON p.id = c.project_id
     WHERE c.id = $1::uuid AND c.worker_id = $2::uuid
     FOR UPDATE OF c`,
    [idOrNotFound(conversationId, "conversation"), workerId],
  );
  if (!conversation) throw new AppError("NOT_FOUND", "No conversation of yours with this id");
  return conversation;
}

/**
 * Stops the turn in progress: its samples fail as cancelled (a stream still writing them finds its
 * attempt gone and stops its request), and its lease is given back unanswered.
 */
export async function cancelOpenTurn(sql: SqlRunner, conversationId: string): Promise<void> {
  const [turn] = await sql.query<{ id: string; assignment_id: string | null }>(
    "SELECT id, assignment_id FROM conversation_turns WHERE conversation_id = $1::uuid AND answered_at IS NULL",
    [conversationId],
  );
  if (!turn) return;
  await sql.execute(
    `UPDATE turn_samples SET status = 'FAILED', failure_kind = 'cancelled', error = 'the conversation ended before this sample was complete'
     WHERE turn_id = $1::uuid AND status IN ('PENDING', 'STREAMING')`,
    [turn.id],
  );
  if (turn.assignment_id) {
    await sql.execute(
      "UPDATE assignments SET status = 'RELEASED', skip_reason = 'the conversation ended before this turn was answered' WHERE id = $1::uuid AND status = 'ACTIVE'",
      [turn.assignment_id],
    );
  }
  await notifyTurn(sql, turn.id);
}
