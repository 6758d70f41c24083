// What the worker's pages count, read from the counters that triggers keep with the items and the
// judgments (migration 20261201184500_worker_counters): a page view reads a few rows per project,
// whatever the project's size. Each fragment is SQL over `p` (the project row) and the worker's id
// given as a parameter placeholder ("$1").

/**
 * Items open to the worker: in the project's active batches, short of k judgments, and neither judged
 * nor skipped by them. The batches' open items less those the worker is excluded from.
 */
export function openToWorkerSql(worker: string): string {
  return `((SELECT COALESCE(sum(o.open_items), 0) FROM batches b JOIN batch_open_counts o ON o.batch_id = b.id
            WHERE b.project_id = p.id AND b.status = 'ACTIVE')
           - (SELECT COALESCE(sum(x.excluded_items), 0) FROM batches b JOIN worker_batch_counts x ON x.batch_id = b.id AND x.worker_id = ${worker}::uuid
              WHERE b.project_id = p.id AND b.status = 'ACTIVE'))::int`;
}

/**
 * Gold and attention items the worker may still be given: in the project's active batches, while it
 * mixes them in, neither answered nor skipped by them. The task list adds them to the open tasks, so
 * that its number drops by one whichever kind was answered: a number that stood still after an
 * answer would give a check item away. A project holds few of them (items_batch_id_role_idx).
 */
export function openChecksToWorkerSql(worker: string): string {
  return `(SELECT count(*) FROM batches b JOIN items i ON i.batch_id = b.id AND i.role IN ('GOLD', 'ATTENTION')
           WHERE b.project_id = p.id AND b.status = 'ACTIVE' AND p.gold_rate > 0
             AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = i.id AND j.worker_id = ${worker}::uuid)
             AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.item_id = i.id AND s.worker_id = ${worker}::uuid AND s.status = 'RELEASED'))::int`;
}

/** The worker has judged something in the project (in any study session, or in none). */
export function hasJudgedInProjectSql(worker: string): string {
  return `EXISTS (SELECT 1 FROM worker_day_counts d WHERE d.worker_id = ${worker}::uuid AND d.project_id = p.id AND d.judgments > 0)`;
}

/** The worker's judgments in the project: today's (the UTC day), all of them, and the time they took. */
export function workerDaysSql(worker: string): string {
  return `SELECT COALESCE(sum(d.judgments) FILTER (WHERE d.day >= (now() AT TIME ZONE 'UTC')::date), 0)::int AS done_today,
                 COALESCE(sum(d.judgments), 0)::int AS done_total,
                 COALESCE(sum(d.time_spent_ms), 0)::bigint AS time_spent_ms
          FROM worker_day_counts d WHERE d.worker_id = ${worker}::uuid AND d.project_id = p.id`;
}
