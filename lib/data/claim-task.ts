// The assignment engine's claim, as plain SQL inside the caller's transaction (see sql-runner.ts).
import type { SqlRunner } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { shuffled } from "@/lib/data/shuffle";

// A claim may find items that filled up after its snapshot; it skips those and looks again.
const MAX_PICKS = 25;

/**
 * Gives the worker a lease on an item of the project that still needs judgments: never one they
 * judged, never more live leases plus judgments than k. If the worker already holds a live lease
 * in the project, that one is returned, so a second tab or a retry does not take a second item.
 */
export async function claimTaskWithin(sql: SqlRunner, { workerId, projectSlug }: { workerId: string; projectSlug: string }): Promise<string | null> {
  const [project] = await sql.query<{ id: string; k: number; lease_seconds: number }>(
    "SELECT id, judgments_per_item AS k, lease_seconds FROM projects WHERE slug = $1",
    [projectSlug],
  );
  if (!project) throw new AppError("NOT_FOUND", `No project with slug "${projectSlug}"`);
  // Serialises this worker's own claims (two tabs, retries) without blocking anyone else.
  await sql.query("SELECT 1 FROM users WHERE id = $1::uuid FOR NO KEY UPDATE", [workerId]);
  const [current] = await sql.query<{ id: string }>(
    `SELECT id FROM assignments
     WHERE worker_id = $1::uuid AND project_id = $2::uuid AND status = 'ACTIVE' AND lease_expires_at > now()
     ORDER BY created_at LIMIT 1`,
    [workerId, project.id],
  );
  if (current) return current.id;
  await sql.execute("UPDATE assignments SET status = 'EXPIRED' WHERE worker_id = $1::uuid AND status = 'ACTIVE' AND lease_expires_at <= now()", [workerId]);

  const passedOver: string[] = [];
  for (let pick = 0; pick < MAX_PICKS; pick++) {
    const itemId = await lockNextOpenItem(sql, { projectId: project.id, k: project.k, workerId, passedOver });
    if (!itemId) return null;
    if (await hasOpenSlot(sql, { itemId, k: project.k, workerId })) {
      return createAssignment(sql, { projectId: project.id, itemId, workerId, leaseSeconds: project.lease_seconds });
    }
    passedOver.push(itemId);
  }
  throw new AppError("CONFLICT", "Every open task was taken while looking for one; try again");
}

// Locks the first item, in batch priority then file order, that looks open in this statement's
// snapshot. Items another claim is holding are skipped rather than waited for.
async function lockNextOpenItem(sql: SqlRunner, { projectId, k, workerId, passedOver }: { projectId: string; k: number; workerId: string; passedOver: string[] }) {
  const [row] = await sql.query<{ id: string }>(
    `SELECT i.id FROM items i JOIN batches b ON b.id = i.batch_id
     WHERE i.project_id = $1::uuid AND b.status = 'ACTIVE' AND i.judgment_count < $2
       AND i.id <> ALL($4::uuid[])
       AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = i.id AND j.worker_id = $3::uuid)
       AND i.judgment_count + (SELECT count(*) FROM assignments a
         WHERE a.item_id = i.id AND a.status = 'ACTIVE' AND a.lease_expires_at > now()) < $2
     ORDER BY b.priority DESC, b.created_at, b.id, i.position
     LIMIT 1
     FOR UPDATE OF i SKIP LOCKED`,
    [projectId, k, workerId, passedOver],
  );
  return row?.id ?? null;
}

// Re-counted under the item's lock in a new statement, which sees every claim and submit that
// committed before the lock was granted: the pick's snapshot can be older than that.
async function hasOpenSlot(sql: SqlRunner, { itemId, k, workerId }: { itemId: string; k: number; workerId: string }) {
  const [row] = await sql.query<{ taken: number; judged: boolean }>(
    `SELECT (i.judgment_count + (SELECT count(*) FROM assignments a
               WHERE a.item_id = i.id AND a.status = 'ACTIVE' AND a.lease_expires_at > now()))::int AS taken,
            EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = i.id AND j.worker_id = $2::uuid) AS judged
     FROM items i WHERE i.id = $1::uuid`,
    [itemId, workerId],
  );
  return row.taken < k && !row.judged;
}

async function createAssignment(sql: SqlRunner, { projectId, itemId, workerId, leaseSeconds }: { projectId: string; itemId: string; workerId: string; leaseSeconds: number }) {
  const candidates = await sql.query<{ id: string }>("SELECT id FROM candidates WHERE item_id = $1::uuid ORDER BY position", [itemId]);
  const [assignment] = await sql.query<{ id: string }>(
    `INSERT INTO assignments (project_id, item_id, worker_id, display_order, lease_expires_at)
     VALUES ($1::uuid, $2::uuid, $3::uuid, $4::uuid[], now() + make_interval(secs => $5))
     RETURNING id`,
    [projectId, itemId, workerId, shuffled(candidates.map((c) => c.id)), leaseSeconds],
  );
  return assignment.id;
}
