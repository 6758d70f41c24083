// Reads live conversations for the conversations export through a cursor, inside the caller's
// repeatable-read snapshot: one row a conversation with its answered turns, samples and judgments.
// A conversation has at most the project's max turns, so memory holds one cursor page whatever the count.
import type pg from "pg";
import { cursorRows } from "@/lib/exports/cursor-rows";
import type { ExportConversation } from "@/lib/exports/export-conversation";
import type { ExportOptions } from "@/lib/exports/export-options";
import { conversationFilters, itemFilters } from "@/lib/exports/export-filters";

const CURSOR_ROWS = 100;

const SAMPLES = `SELECT json_agg(json_build_object(
           'label', s.label, 'candidateId', s.candidate_id, 'model', cand.model, 'text', s.text, 'settings', s.settings,
           'firstTokenMs', s.first_token_ms, 'durationMs', s.duration_ms, 'promptTokens', s.prompt_tokens,
           'completionTokens', s.completion_tokens, 'finishReason', s.finish_reason) ORDER BY s.label)
         FROM turn_samples s LEFT JOIN candidates cand ON cand.id = s.candidate_id WHERE s.turn_id = t.id`;

const TURNS = `SELECT json_agg(json_build_object(
           'index', t.index, 'itemId', t.item_id, 'context', t.context, 'samples', (${SAMPLES}),
           'judgment', (SELECT json_build_object('ranking', j.ranking, 'strength', j.strength, 'rationale', j.rationale, 'flags', j.flags)
                        FROM judgments j WHERE j.assignment_id = t.assignment_id),
           'pickedCandidateId', t.picked_candidate_id, 'reply', t.reply, 'edited', t.edit_item_id IS NOT NULL,
           'editJudgments', (SELECT count(*) FROM judgments ej WHERE ej.item_id = t.edit_item_id)) ORDER BY t.index)
         FROM conversation_turns t WHERE t.conversation_id = c.id AND t.answered_at IS NOT NULL`;

/** Conversations in a fixed order (project, start, id), each with its answered turns in order. */
export async function* readExportConversations(client: pg.ClientBase, options: ExportOptions): AsyncGenerator<ExportConversation> {
  const { where, params } = conversationFilters(options);
  // Columns are named as ExportConversation's fields, and the turns are built as its JSON: rows need no mapping.
  yield* cursorRows<ExportConversation>(
    client,
    `SELECT c.id, p.slug AS project, p.red_team AS "redTeam", c.worker_id AS "workerId", u.blocked_at IS NOT NULL AS "workerBlocked",
            c.status, c.created_at AS "createdAt", c.ended_at AS "endedAt", c.task_description AS "taskDescription", c.rating, c.comment,
            COALESCE((${TURNS}), '[]'::json) AS turns,
            (SELECT count(*) FROM conversation_turns t WHERE t.conversation_id = c.id AND t.answered_at IS NULL)::int AS "unansweredTurns"
     FROM conversations c
     JOIN projects p ON p.id = c.project_id
     JOIN users u ON u.id = c.worker_id
     WHERE ${where}
     ORDER BY p.slug, c.created_at, c.id`,
    params,
    CURSOR_ROWS,
  );
}

/** The judgments a conversations export reads: each answered turn's, and each edit's. */
export async function countConversationJudgments(client: pg.ClientBase, options: ExportOptions): Promise<number> {
  const { where, params } = conversationFilters(options);
  const { rows } = await client.query<{ n: number }>(
    `SELECT (count(*) + count(t.edit_item_id))::int AS n
     FROM conversations c JOIN projects p ON p.id = c.project_id JOIN conversation_turns t ON t.conversation_id = c.id
     WHERE ${where} AND t.answered_at IS NOT NULL`,
    params,
  );
  return rows[0].n;
}

/**
 * Workers in the order the judgments export with the same options meets them (the first judgment
 * each one made, in that export's item order), so that both exports give a worker the same pseudonym.
 */
export async function workersInJudgmentsOrder(client: pg.ClientBase, options: ExportOptions): Promise<string[]> {
  const where = itemFilters(options);
  const blocked = options.excludeBlockedAnnotators ? " AND u.blocked_at IS NULL" : "";
  const { rows } = await client.query<{ worker_id: string }>(
    `SELECT worker_id FROM (
       SELECT DISTINCT ON (j.worker_id) j.worker_id, p.slug, b.created_at AS batch_created_at, b.id AS batch_id, i.position,
              j.created_at, j.id
       FROM judgments j JOIN items i ON i.id = j.item_id JOIN batches b ON b.id = i.batch_id JOIN projects p ON p.id = i.project_id
       JOIN users u ON u.id = j.worker_id
       WHERE ${where.items}${where.judgments}${blocked}
       ORDER BY j.worker_id, p.slug, b.created_at, b.id, i.position, j.created_at, j.id
     ) first_judgments
     ORDER BY slug, batch_created_at, batch_id, position, created_at, id`,
    where.params,
  );
  return rows.map((row) => row.worker_id);
}
