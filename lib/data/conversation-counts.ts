import "server-only";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";

/** How far a live-conversation project has got: its conversations by status, and the turns answered in them. */
export type ConversationCounts = { active: number; completed: number; abandoned: number; answeredTurns: number };

const NONE: ConversationCounts = { active: 0, completed: 0, abandoned: 0, answeredTurns: 0 };

// One pass over each project's conversations (by their project index) and over each conversation's turns
// (by their conversation index): no scan of the whole turns table however many projects there are.
const COUNTS_SQL = `
  SELECT c.project_id,
         count(*) FILTER (WHERE c.status = 'ACTIVE')::int AS active,
         count(*) FILTER (WHERE c.status = 'COMPLETED')::int AS completed,
         count(*) FILTER (WHERE c.status = 'ABANDONED')::int AS abandoned,
         COALESCE(sum(t.answered), 0)::int AS answered_turns
  FROM conversations c
  CROSS JOIN LATERAL (SELECT count(*) AS answered FROM conversation_turns t
                      WHERE t.conversation_id = c.id AND t.answered_at IS NOT NULL) t
  WHERE c.project_id = ANY($1::uuid[])
  GROUP BY c.project_id`;

type CountsRow = { project_id: string; active: number; completed: number; abandoned: number; answered_turns: number };

/** The counts of each project given, by project id; a project without conversations has zeros. */
export async function findConversationCounts({ projectIds }: { projectIds: string[] }): Promise<Map<string, ConversationCounts>> {
  const rows = projectIds.length === 0 ? [] : await queryPool<CountsRow>(pool(), COUNTS_SQL, [projectIds]);
  const counts = new Map(projectIds.map((id) => [id, NONE]));
  for (const row of rows) {
    counts.set(row.project_id, { active: row.active, completed: row.completed, abandoned: row.abandoned, answeredTurns: row.answered_turns });
  }
  return counts;
}

/** One project's counts (its admin page). */
export async function findProjectConversationCounts({ projectId }: { projectId: string }): Promise<ConversationCounts> {
  return (await findConversationCounts({ projectIds: [projectId] })).get(projectId) ?? NONE;
}
