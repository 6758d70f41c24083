import "server-only";
import type pg from "pg";
import { analyticQuery } from "@/lib/data/quality/analytic-query";
import { CHOICE_BOTH_BAD, CHOICE_TIE, LABELLED_JUDGMENTS } from "@/lib/data/quality/judgment-labels";
import type { AlphaPattern } from "@/lib/quality/krippendorff";

/** Unit patterns of the items judged at least twice, by the UTC day the item got its last judgment. */
export type DailyPatterns = { day: string; choices: AlphaPattern[]; strengths: AlphaPattern[] };

// Choice codes (a ranking has at most nine responses) and signed strengths (the 8-point scale's ±4 at most).
const CHOICE_CODES = [CHOICE_BOTH_BAD, CHOICE_TIE, 1, 2, 3, 4, 5, 6, 7, 8, 9];
const STRENGTHS = [-4, -3, -2, -1, 0, 1, 2, 3, 4];
const counts = (column: string, values: number[]) => `ARRAY[${values.map((value) => `count(*) FILTER (WHERE ${column} = ${value})::int`).join(", ")}]`;

// Each item's judgments become counts per value, and items with the same counts one pattern: hashing a
// million judgments into a few hundred rows per day, with nothing sorted on the way. Only tasks count:
// gold, attention and practice items are answered by every worker and are not part of the dataset.
export const PATTERNS_SQL = `
  WITH judged AS (
    SELECT j.item_id, j.created_at,
           CASE WHEN j.both_bad OR jsonb_array_length(j.ranking) = 0 THEN ${CHOICE_BOTH_BAD}
                WHEN jsonb_array_length(j.ranking -> 0) > 1 THEN ${CHOICE_TIE}
                ELSE top.position + 1 END AS choice,
           (jsonb_array_length(j.ranking) = 2 AND jsonb_array_length(j.ranking -> 0) = 1 AND jsonb_array_length(j.ranking -> 1) = 1)
             OR (jsonb_array_length(j.ranking) = 1 AND jsonb_array_length(j.ranking -> 0) = 2) AS pair,
           CASE WHEN j.both_bad OR jsonb_array_length(j.ranking) = 0 THEN NULL
                WHEN jsonb_array_length(j.ranking -> 0) > 1 THEN 0
                WHEN top.position = 0 THEN -abs(coalesce(j.strength, 1))
                ELSE abs(coalesce(j.strength, 1)) END AS signed
      FROM judgments j
      LEFT JOIN candidates top ON top.id = (j.ranking -> 0 ->> 0)::uuid AND NOT j.both_bad
     WHERE j.project_id = $1::uuid AND ($2::uuid IS NULL OR j.item_id IN (SELECT id FROM items WHERE batch_id = $2::uuid))
       AND NOT EXISTS (SELECT 1 FROM items ci WHERE ci.id = j.item_id AND ci.role <> 'TASK')
  ),
  units AS (
    SELECT to_char(max(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, ${counts("choice", CHOICE_CODES)} AS choices,
           CASE WHEN bool_and(pair) FILTER (WHERE choice <> ${CHOICE_BOTH_BAD}) THEN ${counts("signed", STRENGTHS)} END AS strengths
      FROM judged
     GROUP BY item_id
    HAVING count(*) >= 2
  )
  SELECT day, choices, strengths, count(*)::int AS count FROM units GROUP BY day, choices, strengths ORDER BY day`;

export type PatternRow = { day: string; choices: number[]; strengths: number[] | null; count: number };

function valuesOf(countsPerValue: number[], values: number[]): number[] {
  return countsPerValue.flatMap((times, i) => Array<number>(times).fill(values[i]));
}

export async function dailyPatterns(pool: pg.Pool, projectId: string, batchId: string | null): Promise<DailyPatterns[]> {
  return patternsOfRows(await analyticQuery<PatternRow>(pool, PATTERNS_SQL, [projectId, batchId]));
}

/** The rows of PATTERNS_SQL as each day's choice and strength patterns. */
export function patternsOfRows(rows: PatternRow[]): DailyPatterns[] {
  const byDay = new Map<string, DailyPatterns>();
  for (const row of rows) {
    const day = byDay.get(row.day) ?? { day: row.day, choices: [], strengths: [] };
    day.choices.push({ values: valuesOf(row.choices, CHOICE_CODES), count: row.count });
    const strengths = row.strengths ? valuesOf(row.strengths, STRENGTHS) : [];
    if (strengths.length >= 2) day.strengths.push({ values: strengths, count: row.count });
    byDay.set(row.day, day);
  }
  return [...byDay.values()].map((day) => ({ ...day, choices: mergePatterns([day.choices]), strengths: mergePatterns([day.strengths]) }));
}

/** Every day's patterns together: the same pattern on two days counted once with both counts. */
export function mergePatterns(lists: AlphaPattern[][]): AlphaPattern[] {
  const byKey = new Map<string, AlphaPattern>();
  for (const pattern of lists.flat()) {
    const key = pattern.values.join(",");
    const merged = byKey.get(key);
    if (merged) merged.count += pattern.count;
    else byKey.set(key, { values: pattern.values, count: pattern.count });
  }
  return [...byKey.values()];
}

type RankingRow = { item_id: string; rankings: string[][][]; responses: string[] };

/** Items of three or more responses ranked by two or more workers, for Kendall's W. */
export async function rankedItems(pool: pg.Pool, projectId: string, batchId: string | null): Promise<RankingRow[]> {
  return analyticQuery<RankingRow>(
    pool,
    `WITH ${LABELLED_JUDGMENTS}
     SELECT l.item_id, jsonb_agg(l.ranking) AS rankings,
            (SELECT array_agg(o.id::text ORDER BY o.ordinal) FROM ordered o WHERE o.item_id = l.item_id) AS responses
       FROM labelled l
      WHERE l.responses >= 3 AND l.choice <> ${CHOICE_BOTH_BAD}
        AND NOT EXISTS (SELECT 1 FROM items ci WHERE ci.id = l.item_id AND ci.role <> 'TASK')
      GROUP BY l.item_id
     HAVING count(*) >= 2`,
    [projectId, batchId],
  );
}
