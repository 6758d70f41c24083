// Dynamic overlap: a task whose judgments disagree more than the project allows asks for one more,
// up to the project's maximum. Run by the submit that completed the task, under the item's row lock
// (taken when the judgment was counted), so two completions cannot both extend it.
import type { SqlRunner } from "@/lib/db/sql-runner";
import type { CheckSettings } from "@/lib/data/checks/score-check";

// One answer per judgment: the best response (a tie at the top as its members together), or both bad.
// Disagreement is the share of judgments away from the most common answer.
const EXTEND_IF_DISAGREED = `
  WITH answers AS (
    SELECT CASE WHEN both_bad THEN 'both bad'
                ELSE (SELECT string_agg(best, ',' ORDER BY best) FROM jsonb_array_elements_text(ranking -> 0) AS best) END AS answer
    FROM judgments WHERE item_id = $1::uuid),
  tally AS (SELECT count(*) AS n FROM answers GROUP BY answer)
  UPDATE items SET extra_judgments = extra_judgments + 1, is_complete = false
  WHERE id = $1::uuid AND role = 'TASK'
    AND judgment_count >= $2 + extra_judgments AND judgment_count < $3
    AND 1 - (SELECT max(n)::float8 / sum(n) FROM tally) > $4
  RETURNING extra_judgments`;

/** Reopens the completed task for one more judgment when its judgments disagree too much. */
export async function extendOverlapIfDisagreed(sql: SqlRunner, { itemId, k, checks }: { itemId: string; k: number; checks: CheckSettings }): Promise<boolean> {
  if (checks.overlapMax === null || checks.overlapMax <= k) return false;
  const extended = await sql.query(EXTEND_IF_DISAGREED, [itemId, k, checks.overlapMax, checks.overlapDisagreement]);
  return extended.length > 0;
}
