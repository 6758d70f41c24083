import "server-only";
import type pg from "pg";
import { queryPool } from "@/lib/db/sql-runner";
import { LABELLED_JUDGMENTS } from "@/lib/data/quality/judgment-labels";
import type { AlphaPattern } from "@/lib/quality/krippendorff";

/** Unit patterns of the items judged at least twice, by the UTC day the item got its last judgment. */
export type DailyPatterns = { day: string; choices: AlphaPattern[]; strengths: AlphaPattern[] };

type PatternRow = { day: string; kind: "choice" | "strength"; values: number[]; count: number };

// Grouped twice in SQL (judgments into items, items into patterns): what leaves the database is a few
// hundred rows per day however many judgments there are.
const PATTERNS_SQL = `
  WITH ${LABELLED_JUDGMENTS},
  units AS (
    SELECT item_id, to_char(max(created_at) AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, bool_and(responses = 2) AS pair,
           array_agg(choice ORDER BY choice) AS choices,
           array_agg(signed ORDER BY signed) FILTER (WHERE signed IS NOT NULL) AS strengths
      FROM labelled
     GROUP BY item_id
    HAVING count(*) >= 2
  )
  SELECT day, 'choice' AS kind, choices AS values, count(*)::int AS count FROM units GROUP BY day, choices
  UNION ALL
  SELECT day, 'strength', strengths, count(*)::int FROM units WHERE pair AND cardinality(strengths) >= 2 GROUP BY day, strengths
  ORDER BY 1`;

export async function dailyPatterns(pool: pg.Pool, projectId: string, batchId: string | null): Promise<DailyPatterns[]> {
  const rows = await queryPool<PatternRow>(pool, PATTERNS_SQL, [projectId, batchId]);
  const byDay = new Map<string, DailyPatterns>();
  for (const row of rows) {
    const day = byDay.get(row.day) ?? { day: row.day, choices: [], strengths: [] };
    (row.kind === "choice" ? day.choices : day.strengths).push({ values: row.values.map(Number), count: row.count });
    byDay.set(row.day, day);
  }
  return [...byDay.values()];
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
  return queryPool<RankingRow>(
    pool,
    `WITH ${LABELLED_JUDGMENTS}
     SELECT l.item_id, jsonb_agg(l.ranking) AS rankings,
            (SELECT array_agg(o.id::text ORDER BY o.ordinal) FROM ordered o WHERE o.item_id = l.item_id) AS responses
       FROM labelled l
      WHERE l.responses >= 3 AND l.choice <> -2
      GROUP BY l.item_id
     HAVING count(*) >= 2`,
    [projectId, batchId],
  );
}
