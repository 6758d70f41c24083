// The worker counters (migration 20261201184500_worker_counters) against the count(*) they replace:
// every difference is returned, so a test expects an empty list and reads what drifted if not.
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { hasJudgedInProjectSql, openToWorkerSql, workerDaysSql } from "@/lib/data/worker-counts";

// Each query returns the rows where the kept counter and a count made from the items, judgments and
// skips disagree (zero rows, where a counter has gone back to 0, count as absent).
const DRIFT_QUERIES = {
  batchOpenItems: `
    SELECT b.id AS batch_id, counted.n AS counted, kept.n AS kept
    FROM batches b
    CROSS JOIN LATERAL (SELECT count(*)::int AS n FROM items i WHERE i.batch_id = b.id AND NOT i.is_complete) counted
    CROSS JOIN LATERAL (SELECT COALESCE(sum(o.open_items), 0)::int AS n FROM batch_open_counts o WHERE o.batch_id = b.id) kept
    WHERE counted.n <> kept.n`,
  excludedPairs: `
    WITH truth AS (
      SELECT t.worker_id, t.item_id, i.batch_id
      FROM (SELECT worker_id, item_id FROM judgments UNION SELECT worker_id, item_id FROM assignments WHERE status = 'RELEASED') t
      JOIN items i ON i.id = t.item_id WHERE NOT i.is_complete),
    missing AS (SELECT * FROM truth EXCEPT SELECT worker_id, item_id, batch_id FROM worker_excluded_items),
    extra AS (SELECT worker_id, item_id, batch_id FROM worker_excluded_items EXCEPT SELECT * FROM truth)
    SELECT 'missing' AS drift, * FROM missing UNION ALL SELECT 'extra', * FROM extra`,
  workerBatchCounts: `
    WITH truth AS (
      SELECT t.worker_id, i.batch_id, count(*)::int AS n
      FROM (SELECT worker_id, item_id FROM judgments UNION SELECT worker_id, item_id FROM assignments WHERE status = 'RELEASED') t
      JOIN items i ON i.id = t.item_id WHERE NOT i.is_complete GROUP BY 1, 2)
    SELECT worker_id, batch_id, COALESCE(truth.n, 0) AS counted, COALESCE(c.excluded_items, 0) AS kept
    FROM truth FULL JOIN worker_batch_counts c USING (worker_id, batch_id)
    WHERE COALESCE(truth.n, 0) <> COALESCE(c.excluded_items, 0)`,
  workerDays: `
    WITH truth AS (
      SELECT worker_id, project_id, (created_at AT TIME ZONE 'UTC')::date AS day, count(*)::int AS n, sum(time_spent_ms)::bigint AS ms
      FROM judgments GROUP BY 1, 2, 3)
    SELECT worker_id, project_id, day, truth.n AS counted, c.judgments AS kept, truth.ms AS counted_ms, c.time_spent_ms AS kept_ms
    FROM truth FULL JOIN worker_day_counts c USING (worker_id, project_id, day)
    WHERE COALESCE(truth.n, 0) <> COALESCE(c.judgments, 0) OR COALESCE(truth.ms, 0) <> COALESCE(c.time_spent_ms, 0)`,
};

/** Every counter row, in the whole database, that differs from its count. */
export async function findCounterDrift(): Promise<Record<string, unknown[]>> {
  const drift: Record<string, unknown[]> = {};
  for (const [name, sql] of Object.entries(DRIFT_QUERIES)) {
    const rows = await queryPool(pool(), sql);
    if (rows.length > 0) drift[name] = rows;
  }
  return drift;
}

// What the worker's task list showed before the counters: count(*) over the project's items and
// the worker's judgments on every view.
const COUNTED_VIEW = `
  SELECT p.slug, u.id AS worker_id,
    (SELECT count(*) FROM items i JOIN batches b ON b.id = i.batch_id
      WHERE i.project_id = p.id AND b.status = 'ACTIVE' AND i.is_complete = false
        AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = i.id AND j.worker_id = u.id)
        AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.item_id = i.id AND s.worker_id = u.id AND s.status = 'RELEASED'))::int AS open,
    (SELECT count(*) FROM judgments j WHERE j.project_id = p.id AND j.worker_id = u.id
       AND j.created_at >= date_trunc('day', now(), 'UTC'))::int AS done_today,
    (SELECT count(*) FROM judgments j WHERE j.project_id = p.id AND j.worker_id = u.id)::int AS done_total,
    (SELECT COALESCE(sum(j.time_spent_ms), 0) FROM judgments j WHERE j.project_id = p.id AND j.worker_id = u.id)::bigint AS time_spent_ms,
    EXISTS (SELECT 1 FROM judgments j WHERE j.project_id = p.id AND j.worker_id = u.id) AS judged
  FROM projects p CROSS JOIN users u WHERE p.id = ANY($1::uuid[]) AND u.id = ANY($2::uuid[])
  ORDER BY 1, 2`;

const KEPT_VIEW = `
  SELECT p.slug, u.id AS worker_id, ${openToWorkerSql("u.id")} AS open,
         mine.done_today, mine.done_total, mine.time_spent_ms, ${hasJudgedInProjectSql("u.id")} AS judged
  FROM projects p CROSS JOIN users u CROSS JOIN LATERAL (${workerDaysSql("u.id")}) mine
  WHERE p.id = ANY($1::uuid[]) AND u.id = ANY($2::uuid[])
  ORDER BY 1, 2`;

/** Each worker's counts in each project, as the counters give them and as count(*) gives them. */
export async function compareWorkerViews({ projectIds, workerIds }: { projectIds: string[]; workerIds: string[] }) {
  return {
    kept: await queryPool(pool(), KEPT_VIEW, [projectIds, workerIds]),
    counted: await queryPool(pool(), COUNTED_VIEW, [projectIds, workerIds]),
  };
}
