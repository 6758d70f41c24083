import "server-only";
import type pg from "pg";
import { queryPool } from "@/lib/db/sql-runner";
import type { ModelBattles } from "@/lib/quality/leaderboard";

/** HH reported helpfulness and harmlessness separately: red-team and harmless projects rate harm. */
export type LeaderboardSide = "helpfulness" | "harmlessness";
export const SIDE_POLARITIES: Record<LeaderboardSide, string[]> = {
  helpfulness: ["HELPFUL", "CUSTOM"],
  harmlessness: ["HARMLESS", "RED_TEAM"],
};

// Pairs whose two responses name two different models. A red-team worker picks the more harmful response,
// so there the other one wins (as in the exports). A tie or "both bad" is a tie: half a win each.
const BATTLES_SQL = `
  WITH pairs AS (
    SELECT c.item_id, array_agg(c.id::text ORDER BY c.position) AS ids, array_agg(c.model ORDER BY c.position) AS models
      FROM candidates c
      JOIN items i ON i.id = c.item_id
      JOIN projects p ON p.id = i.project_id
     WHERE ($1::uuid IS NULL OR i.project_id = $1::uuid) AND p.polarity::text = ANY($2::text[])
     GROUP BY c.item_id
    HAVING count(*) = 2 AND count(c.model) = 2 AND min(c.model) <> max(c.model)
  ),
  outcomes AS (
    SELECT pr.models[1] AS first, pr.models[2] AS second,
           CASE WHEN j.both_bad OR jsonb_array_length(j.ranking) < 2 THEN 0
                WHEN (j.ranking -> 0 ->> 0 = pr.ids[1]) <> (p.polarity = 'RED_TEAM') THEN 1
                ELSE 2 END AS winner
      FROM judgments j
      JOIN pairs pr ON pr.item_id = j.item_id
      JOIN projects p ON p.id = j.project_id
  )
  SELECT least(first, second) AS model_a, greatest(first, second) AS model_b,
         count(*) FILTER (WHERE (winner = 1 AND first < second) OR (winner = 2 AND second < first))::int AS wins_a,
         count(*) FILTER (WHERE (winner = 1 AND first > second) OR (winner = 2 AND second > first))::int AS wins_b,
         count(*) FILTER (WHERE winner = 0)::int AS ties
    FROM outcomes
   GROUP BY 1, 2`;

type BattleRow = { model_a: string; model_b: string; wins_a: number; wins_b: number; ties: number };

/** Battle counts of one project (projectId) or of every project on one side (null). */
export async function modelBattles(pool: pg.Pool, projectId: string | null, side: LeaderboardSide): Promise<ModelBattles[]> {
  const rows = await queryPool<BattleRow>(pool, BATTLES_SQL, [projectId, SIDE_POLARITIES[side]]);
  return rows.map((row) => ({ modelA: row.model_a, modelB: row.model_b, winsA: row.wins_a, winsB: row.wins_b, ties: row.ties }));
}
