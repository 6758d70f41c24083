import "server-only";
// The projects a worker sees on their task list, with their own counts.
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import type { Actor } from "@/lib/data/users";
import { openChecksToWorkerSql, openToWorkerSql, workerDaysSql } from "@/lib/data/worker-counts";

export type WorkerProject = {
  slug: string;
  name: string;
  question: string;
  available: number;
  doneToday: number;
  doneTotal: number;
  timeSpentMs: number;
  /** Tasks a day this worker may take here (UTC), or null. */
  dailyCap: number | null;
  /** Today's judgments have reached the cap and no lease is left: no new task until tomorrow. */
  capReached: boolean;
  /** A live-conversation project: the worker starts (or goes back to) a conversation instead of taking tasks. */
  live: { conversationId: string | null } | null;
};

/**
 * What a worker may see of the projects with work: names, question, how much is open to them, and
 * their own counts (today is the UTC day); the open count holds the gold and attention items they may
 * still meet, which are not told apart from tasks. Projects open only to some groups are listed only to
 * their members. The counts come from counters (worker-counts.ts): a view costs the same in a project
 * of any size, but for the check items, which are counted (a project holds few).
 */
export async function findProjectsForWorker({ actor }: { actor: Actor }): Promise<WorkerProject[]> {
  const rows = await queryPool<{
    slug: string;
    name: string;
    question: string;
    available: number;
    open_checks: number;
    done_today: number;
    done_total: number;
    time_spent_ms: number;
    daily_cap: number | null;
    live: number;
    dialogue: boolean;
    conversation_id: string | null;
  }>(
    pool(),
    `SELECT p.slug, p.name, p.question, p.daily_cap, p.judgment_kind = 'DIALOGUE' AS dialogue,
       (SELECT c.id FROM conversations c WHERE c.worker_id = $1::uuid AND c.project_id = p.id AND c.status = 'ACTIVE') AS conversation_id,
       (SELECT count(*) FROM assignments s WHERE s.project_id = p.id AND s.worker_id = $1::uuid
          AND s.status = 'ACTIVE' AND s.lease_expires_at > now())::int AS live,
       ${openToWorkerSql("$1")} AS available, ${openChecksToWorkerSql("$1")} AS open_checks,
       mine.done_today, mine.done_total, mine.time_spent_ms
     FROM projects p
     CROSS JOIN LATERAL (${workerDaysSql("$1")}) AS counted
     -- A platform account counts only its study session's work, like its history: at most what its
     -- study asks for, so it is counted from the session's own leases. Everyone else reads the counters.
     CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE j.created_at >= date_trunc('day', now(), 'UTC'))::int AS done_today, count(*)::int AS done_total,
              COALESCE(sum(j.time_spent_ms), 0)::bigint AS time_spent_ms
       FROM assignments a JOIN judgments j ON j.assignment_id = a.id
       WHERE $2::uuid IS NOT NULL AND a.worker_id = $1::uuid AND a.project_id = p.id AND a.study_session_id = $2::uuid) AS in_session
     CROSS JOIN LATERAL (
       SELECT CASE WHEN $2::uuid IS NULL THEN counted.done_today ELSE in_session.done_today END AS done_today,
              CASE WHEN $2::uuid IS NULL THEN counted.done_total ELSE in_session.done_total END AS done_total,
              CASE WHEN $2::uuid IS NULL THEN counted.time_spent_ms ELSE in_session.time_spent_ms END AS time_spent_ms) AS mine
     WHERE (EXISTS (SELECT 1 FROM batches b WHERE b.project_id = p.id AND b.status = 'ACTIVE') OR mine.done_total > 0
            OR (p.judgment_kind = 'DIALOGUE' AND EXISTS (SELECT 1 FROM project_endpoints pe JOIN model_endpoints e ON e.id = pe.endpoint_id
                                                          WHERE pe.project_id = p.id AND e.archived_at IS NULL)
                AND NOT EXISTS (SELECT 1 FROM batches b WHERE b.project_id = p.id AND b.source_format = 'live' AND b.status = 'PAUSED')))
       AND project_open_to(p.id, $1::uuid)
     ORDER BY p.created_at`,
    [actor.id, actor.studySessionId ?? null],
  );
  return rows.map((row) => ({
    slug: row.slug,
    name: row.name,
    question: row.question,
    // Check items come only while a task is open to the worker (claim-checks.ts), and count with them.
    available: row.available > 0 ? row.available + row.open_checks : 0,
    doneToday: row.done_today,
    doneTotal: row.done_total,
    timeSpentMs: Number(row.time_spent_ms),
    dailyCap: row.daily_cap,
    // A worker still holding a lease can go back to it, so the button stays.
    // A conversation project's cap counts conversations, checked when one starts.
    capReached: !row.dialogue && row.daily_cap !== null && row.live === 0 && row.done_today >= row.daily_cap,
    live: row.dialogue ? { conversationId: row.conversation_id } : null,
  }));
}
