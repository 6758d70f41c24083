import "server-only";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { isId } from "@/lib/validations/ids";
import type { BatchStatusName } from "@/lib/data/batch-transitions";

// The chart covers the last 48 hours, or the time since the batch was first activated if shorter.
const CHART_HOURS = 48;

export type BatchProgress = {
  id: string;
  name: string;
  status: BatchStatusName;
  priority: number;
  sourceFormat: string;
  createdAt: string;
  activatedAt: string | null;
  closedAt: string | null;
  project: { slug: string; name: string; k: number };
  /** Task items only: check items (gold, attention, practice) are counted apart, in checkItems. */
  itemsTotal: number;
  itemsComplete: number;
  checkItems: number;
  judgmentsStored: number;
  judgmentsWanted: number;
  openLeases: number;
  judgmentsLastHour: number;
  /** Remaining judgments at the last hour's rate; null when nothing was judged in that hour. */
  hoursToFinish: number | null;
  /** Judgments per hour, oldest first, every hour present (zeros included). */
  perHour: { hour: string; judgments: number }[];
};

type ProgressRow = {
  id: string;
  name: string;
  status: BatchStatusName;
  priority: number;
  source_format: string;
  created_at: Date;
  activated_at: Date | null;
  closed_at: Date | null;
  slug: string;
  project_name: string;
  k: number;
  items_total: number;
  items_complete: number;
  check_items: number;
  judgments_stored: number;
  judgments_missing: number;
  open_leases: number;
  per_hour: { hour: string; judgments: number }[];
};

/**
 * Progress of one batch, for staff. Two aggregates in one statement, cheap on a 100k-item batch:
 * one pass over the batch's items (counts kept on each item), and the judgments of the charted hours
 * found through judgments(project_id, created_at). Progress is of task items, each wanting k plus its
 * extra judgments (dynamic overlap); check items are counted apart and their judgments left out of
 * the figures. "Stored" counts at most the wanted number an item, so lowering k does not report more
 * than 100%.
 */
export async function findBatchProgress({ batchId }: { batchId: string }): Promise<BatchProgress> {
  if (!isId(batchId)) throw new AppError("NOT_FOUND", "No such batch");
  const [row] = await queryPool<ProgressRow>(
    pool(),
    `SELECT b.id, b.name, b.status, b.priority, b.source_format, b.created_at, b.activated_at, b.closed_at,
            p.slug, p.name AS project_name, p.judgments_per_item AS k,
            agg.items_total, agg.items_complete, agg.check_items, agg.judgments_stored, agg.judgments_missing,
            (SELECT count(*) FROM assignments a JOIN items i ON i.id = a.item_id
              WHERE i.batch_id = b.id AND a.status = 'ACTIVE' AND a.lease_expires_at > now())::int AS open_leases,
            ARRAY(SELECT json_build_object('hour', h.hour, 'judgments', COALESCE(counts.n, 0))
                  FROM generate_series(date_trunc('hour', now(), 'UTC') - make_interval(hours => $2 - 1), date_trunc('hour', now(), 'UTC'), interval '1 hour') AS h(hour)
                  LEFT JOIN (SELECT date_trunc('hour', j.created_at, 'UTC') AS hour, count(*)::int AS n
                             FROM judgments j JOIN items i ON i.id = j.item_id
                             WHERE j.project_id = b.project_id AND i.batch_id = b.id AND i.role = 'TASK'
                               AND j.created_at >= date_trunc('hour', now(), 'UTC') - make_interval(hours => $2 - 1)
                             GROUP BY 1) AS counts ON counts.hour = h.hour
                  WHERE h.hour >= date_trunc('hour', COALESCE(b.activated_at, b.created_at), 'UTC')
                  ORDER BY h.hour) AS per_hour
     FROM batches b JOIN projects p ON p.id = b.project_id
     CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE i.role = 'TASK')::int AS items_total,
              count(*) FILTER (WHERE i.role = 'TASK' AND i.is_complete)::int AS items_complete,
              count(*) FILTER (WHERE i.role <> 'TASK')::int AS check_items,
              COALESCE(sum(least(i.judgment_count, p.judgments_per_item + i.extra_judgments)) FILTER (WHERE i.role = 'TASK'), 0)::int AS judgments_stored,
              COALESCE(sum(greatest(p.judgments_per_item + i.extra_judgments - i.judgment_count, 0)) FILTER (WHERE i.role = 'TASK'), 0)::int AS judgments_missing
       FROM items i WHERE i.batch_id = b.id) AS agg
     WHERE b.id = $1::uuid`,
    [batchId, CHART_HOURS],
  );
  if (!row) throw new AppError("NOT_FOUND", "No such batch");
  const [lastHour] = await queryPool<{ n: number }>(
    pool(),
    `SELECT count(*)::int AS n FROM judgments j JOIN items i ON i.id = j.item_id
     WHERE j.project_id = (SELECT project_id FROM batches WHERE id = $1::uuid) AND i.batch_id = $1::uuid AND i.role = 'TASK'
       AND j.created_at > now() - interval '1 hour'`,
    [batchId],
  );
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    priority: row.priority,
    sourceFormat: row.source_format,
    createdAt: new Date(row.created_at).toISOString(),
    activatedAt: row.activated_at ? new Date(row.activated_at).toISOString() : null,
    closedAt: row.closed_at ? new Date(row.closed_at).toISOString() : null,
    project: { slug: row.slug, name: row.project_name, k: row.k },
    itemsTotal: row.items_total,
    itemsComplete: row.items_complete,
    checkItems: row.check_items,
    judgmentsStored: row.judgments_stored,
    judgmentsWanted: row.judgments_stored + row.judgments_missing,
    openLeases: row.open_leases,
    judgmentsLastHour: lastHour.n,
    hoursToFinish: estimateHoursToFinish({ remaining: row.judgments_missing, perHour: lastHour.n }),
    perHour: row.per_hour.map((bucket) => ({ hour: new Date(bucket.hour).toISOString(), judgments: bucket.judgments })),
  };
}

export function estimateHoursToFinish({ remaining, perHour }: { remaining: number; perHour: number }): number | null {
  if (remaining === 0) return 0;
  return perHour > 0 ? remaining / perHour : null;
}
