import "server-only";
import type pg from "pg";
import { analyticQuery } from "@/lib/data/quality/analytic-query";
import type { SqlRunner } from "@/lib/db/sql-runner";
import type { ModelBattles } from "@/lib/quality/leaderboard";

/** HH reported helpfulness and harmlessness separately: red-team and harmless projects rate harm. */
export type LeaderboardSide = "helpfulness" | "harmlessness";
export const SIDE_POLARITIES: Record<LeaderboardSide, string[]> = {
  helpfulness: ["HELPFUL", "CUSTOM"],
  harmlessness: ["HARMLESS", "RED_TEAM"],
};

// Pairs whose two responses name two different models (positions are 0-based wherever items are made),
// of tasks only, as in the dataset.
// A red-team worker picks the more harmful response, so there the other one wins (as in the exports). A
// tie or "both bad" is a tie: half a win each. Grouped on plain columns, so a million judgments hash
// into the model pairs without a sort.
const BATTLES_SQL = `
  WITH pairs AS (
    SELECT first.item_id, first.id AS first_id, p.polarity = 'RED_TEAM' AS flipped,
           least(first.model, second.model) AS model_a, greatest(first.model, second.model) AS model_b, first.model < second.model AS first_is_a
      FROM candidates first
      JOIN candidates second ON second.item_id = first.item_id AND second.position = 1
      JOIN items i ON i.id = first.item_id
      JOIN projects p ON p.id = i.project_id
     WHERE first.position = 0 AND first.model <> second.model AND i.role = 'TASK'
       AND ($1::uuid IS NULL OR i.project_id = $1::uuid) AND p.polarity::text = ANY($2::text[])
       AND NOT EXISTS (SELECT 1 FROM candidates third WHERE third.item_id = first.item_id AND third.position = 2)
  ),
  outcomes AS (
    SELECT pr.model_a, pr.model_b,
           CASE WHEN j.both_bad OR jsonb_array_length(j.ranking) < 2 THEN NULL
                ELSE (((j.ranking -> 0 ->> 0)::uuid = pr.first_id) <> pr.flipped) = pr.first_is_a END AS a_won
      FROM judgments j JOIN pairs pr ON pr.item_id = j.item_id
  )
  SELECT model_a, model_b, count(*) FILTER (WHERE a_won)::int AS wins_a, count(*) FILTER (WHERE NOT a_won)::int AS wins_b,
         count(*) FILTER (WHERE a_won IS NULL)::int AS ties
    FROM outcomes
   GROUP BY model_a, model_b`;

type BattleRow = { model_a: string; model_b: string; wins_a: number; wins_b: number; ties: number };

/** Battle counts of one project (projectId) or of every project on one side (null). */
export async function modelBattles(pool: pg.Pool, projectId: string | null, side: LeaderboardSide): Promise<ModelBattles[]> {
  return battlesOfRows(await analyticQuery<BattleRow>(pool, BATTLES_SQL, [projectId, SIDE_POLARITIES[side]]));
}

/** The same, inside the caller's transaction (a claim that must not wait for a second connection). */
export async function modelBattlesWithin(sql: SqlRunner, projectId: string, side: LeaderboardSide): Promise<ModelBattles[]> {
  return battlesOfRows(await sql.query<BattleRow>(BATTLES_SQL, [projectId, SIDE_POLARITIES[side]]));
}

function battlesOfRows(rows: BattleRow[]): ModelBattles[] {
  return rows.map((row) => ({ modelA: row.model_a, modelB: row.model_b, winsA: row.wins_a, winsB: row.wins_b, ties: row.ties }));
}
