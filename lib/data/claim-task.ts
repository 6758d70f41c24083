// The assignment engine's claim, as plain SQL (see sql-runner.ts). Few statements on purpose: each
// round trip costs more than the work it does.
import type pg from "pg";
import { inTransaction, type SqlRunner } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { lockMostInformativeItem } from "@/lib/data/adaptive-items";
import {
  CLAIM_STANDING_COLUMNS,
  CLAIM_STANDING_JOIN,
  drawsGold,
  pickCheckItem,
  practiceFirst,
  taskOpenToWorker,
  type ClaimStanding,
} from "@/lib/data/checks/claim-checks";

// A claim may find items that filled up after its snapshot; it passes over those and looks again.
const MAX_PICKS = 25;
const MAX_ATTEMPTS = 5;

/** Raised when a claim would have to wait for an item while holding another: retried afresh. */
class ClaimContention extends Error {}

/**
 * Gives the worker a lease on an item of the project that still needs judgments: never one they
 * judged, never more live leases plus judgments than k. A worker who already holds the project's
 * maximum of live leases (1 unless set) gets their oldest one back, so a second tab or a retry does
 * not take another item. Projects may be closed to all but some groups, and may cap the tasks a
 * worker takes per UTC day (judgments plus live leases).
 * A platform account claims within its open study session: the lease belongs to that session, and
 * only that session's leases are handed back, never those of another sign-in with the same id.
 */
export async function claimTask(pool: pg.Pool, options: ClaimOptions): Promise<string | null> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await inTransaction(pool, (sql) => claimTaskWithin(sql, options));
    } catch (error) {
      if (!(error instanceof ClaimContention) || attempt >= MAX_ATTEMPTS) throw toAppError(error);
    }
  }
}

function toAppError(error: unknown) {
  return error instanceof ClaimContention ? new AppError("CONFLICT", "Every open task was taken while looking for one; try again") : error;
}

type ClaimOptions = { workerId: string; projectSlug: string; studySessionId?: string | null };

type ClaimProject = ClaimStanding & {
  id: string;
  judgment_kind: string;
  pairing_rule: string;
  k: number;
  lease_seconds: number;
  max_open_leases: number;
  daily_cap: number | null;
  batch_ids: string[];
  open_to_worker: boolean;
  worker: number;
  outside_session: boolean;
};

async function claimTaskWithin(sql: SqlRunner, { workerId, projectSlug, studySessionId = null }: ClaimOptions): Promise<string | null> {
  // Locking the worker's row serialises their own claims (two tabs, retries) and no one else's. A
  // block commits under the same lock, so a claim that waited for it sees the worker blocked. The
  // study session's row is shared-locked the same way against a study being closed: the close waits
  // for this claim and then revokes its lease, or this claim waits and finds the session ended.
  const [project] = await sql.query<ClaimProject>(
    `WITH worker AS (SELECT id, platform FROM users WHERE id = $2::uuid AND blocked_at IS NULL FOR NO KEY UPDATE),
          visit AS (SELECT id FROM study_sessions WHERE id = $3::uuid AND user_id = $2::uuid AND ended_at IS NULL FOR SHARE),
          expired AS (UPDATE assignments SET status = 'EXPIRED'
                      WHERE worker_id = $2::uuid AND status = 'ACTIVE' AND lease_expires_at <= now() RETURNING 1)
     SELECT p.id, p.judgment_kind, p.pairing_rule, p.judgments_per_item AS k, p.lease_seconds, p.max_open_leases, p.daily_cap,
            ARRAY(SELECT b.id FROM batches b WHERE b.project_id = p.id AND b.status = 'ACTIVE'
                  ORDER BY b.priority DESC, b.created_at, b.id) AS batch_ids,
            project_open_to(p.id, $2::uuid) AS open_to_worker,
            (SELECT count(*) FROM worker)::int AS worker,
            EXISTS (SELECT 1 FROM worker WHERE platform IS NOT NULL AND NOT EXISTS (SELECT 1 FROM visit)) AS outside_session,
            ${CLAIM_STANDING_COLUMNS}
     FROM projects p ${CLAIM_STANDING_JOIN} WHERE p.slug = $1`,
    [projectSlug, workerId, studySessionId],
  );
  if (!project) throw new AppError("NOT_FOUND", `No project with slug "${projectSlug}"`);
  if (project.worker === 0) throw new AppError("FORBIDDEN", "This account is blocked");
  if (project.outside_session) throw new AppError("FORBIDDEN", "Your study session has ended: open the study again from the platform");
  if (!project.open_to_worker) throw new AppError("FORBIDDEN", "This project is not open to you");
  // A live conversation's turns are the conversing worker's alone: never handed out as tasks.
  if (project.judgment_kind === "DIALOGUE") throw new AppError("CONFLICT", "This project collects live conversations: start a conversation instead");
  const practising = practiceFirst(project);
  const mine = await findOwnLeases(sql, { workerId, projectId: project.id, countToday: project.daily_cap !== null, studySessionId });
  if (mine.oldest && mine.live >= project.max_open_leases) return mine.oldest;
  if (project.daily_cap !== null && mine.today + mine.live_all >= project.daily_cap) {
    throw new AppError("DAILY_CAP_REACHED", `You have reached today's limit of ${project.daily_cap} tasks in this project`);
  }
  if (practising || drawsGold(project.gold_rate)) {
    const lease = await leaseCheckItem(sql, { project, workerId, studySessionId, practising });
    if (lease || practising) return lease;
  }
  return leaseNextTask(sql, { project, workerId, studySessionId, holding: mine.live_all > 0 });
}

type CheckClaim = { project: ClaimProject; workerId: string; studySessionId: string | null; practising: boolean };

/**
 * A practice item (the practice set comes before any task) or a gold or attention item, leased like
 * a task. A worker still practising with no practice item left is told why they get nothing.
 */
async function leaseCheckItem(sql: SqlRunner, { project, workerId, studySessionId, practising }: CheckClaim): Promise<string | null> {
  if (!practising && !(await taskOpenToWorker(sql, { projectId: project.id, workerId }))) return null;
  const itemId = await pickCheckItem(sql, { batchIds: project.batch_ids, workerId, practice: practising });
  if (itemId) {
    const lease = { projectId: project.id, itemId, workerId, studySessionId, k: null, leaseSeconds: project.lease_seconds };
    return leaseIfOpen(sql, lease);
  }
  if (practising) throw new AppError("CONFLICT", "This project asks for a practice set first, and none is open yet; try again later");
  return null;
}

type TaskClaim = { project: ClaimProject; workerId: string; studySessionId: string | null; holding: boolean };

/**
 * The next open task, in batch priority and file order, passing over items that filled up meanwhile;
 * with ADAPTIVE pairing, first the model-vs-model item that narrows the leaderboard most.
 */
async function leaseNextTask(sql: SqlRunner, { project, workerId, studySessionId, holding }: TaskClaim): Promise<string | null> {
  const lease = { projectId: project.id, workerId, studySessionId, k: project.k, leaseSeconds: project.lease_seconds };
  if (project.pairing_rule === "ADAPTIVE" && project.judgment_kind === "PAIRWISE") {
    const itemId = await lockMostInformativeItem(sql, { projectId: project.id, batchIds: project.batch_ids, k: project.k, workerId });
    const assignmentId = itemId && (await leaseIfOpen(sql, { ...lease, itemId }));
    if (assignmentId) return assignmentId;
  }
  const passedOver: string[] = [];
  for (let pick = 0; pick < MAX_PICKS; pick++) {
    // Wait for a held item only while holding none passed over: two claims never wait on each other.
    const itemId = await lockNextOpenItem(sql, {
      batchIds: project.batch_ids,
      k: project.k,
      workerId,
      holding,
      passedOver,
      mayWait: passedOver.length === 0,
    });
    if (!itemId) {
      if (passedOver.length > 0) throw new ClaimContention();
      return null;
    }
    const assignmentId = await leaseIfOpen(sql, { ...lease, itemId });
    if (assignmentId) return assignmentId;
    passedOver.push(itemId);
  }
  throw new ClaimContention();
}

type OwnLeases = { oldest: string | null; live: number; live_all: number; today: number };

/**
 * The worker's live leases in the project, read in a new statement so it sees a lease a concurrent
 * claim of theirs committed before the lock; today's judgments only when the project has a daily cap.
 * The leases handed back and held against the maximum are this study session's (every lease, for
 * anyone not in one); all of them count toward the daily cap and the items the worker holds.
 */
async function findOwnLeases(
  sql: SqlRunner,
  { workerId, projectId, countToday, studySessionId }: { workerId: string; projectId: string; countToday: boolean; studySessionId: string | null },
): Promise<OwnLeases> {
  const [mine] = await sql.query<OwnLeases>(
    `SELECT (array_agg(id ORDER BY created_at, id) FILTER (WHERE study_session_id IS NOT DISTINCT FROM $4::uuid))[1] AS oldest,
            (count(*) FILTER (WHERE study_session_id IS NOT DISTINCT FROM $4::uuid))::int AS live, count(*)::int AS live_all,
            CASE WHEN $3::boolean THEN (SELECT count(*) FROM judgments
              WHERE worker_id = $1::uuid AND project_id = $2::uuid AND created_at >= date_trunc('day', now(), 'UTC'))::int ELSE 0 END AS today
     FROM assignments
     WHERE worker_id = $1::uuid AND project_id = $2::uuid AND status = 'ACTIVE' AND lease_expires_at > now()`,
    [workerId, projectId, countToday, studySessionId],
  );
  return mine;
}

// The first item, in batch priority then file order, that looks open in this statement's snapshot
// and that this worker has neither judged nor skipped nor holds. Only a worker already holding a
// lease (projects may allow several) can hold one; the check is skipped for the others, since the
// pick probes every item held by others on its way and each probe costs (a separate statement
// text, so each keeps its own prepared plan).
// Each batch is walked along its (batch_id, is_complete, position) index, so the cost is the
// items held by live leases, not the items ever imported.
const PICK_OPEN_ITEM = (lock: string, holding: boolean) => `
  SELECT i.id FROM items i
  WHERE i.batch_id = $1::uuid AND i.is_complete = false
    AND i.id <> ALL($4::uuid[])
    AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = i.id AND j.worker_id = $3::uuid)
    AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.item_id = i.id AND s.worker_id = $3::uuid AND s.status = 'RELEASED')
    ${holding ? "AND NOT EXISTS (SELECT 1 FROM assignments h WHERE h.item_id = i.id AND h.worker_id = $3::uuid AND h.status = 'ACTIVE')" : ""}
    AND i.judgment_count + (SELECT count(*) FROM assignments a
      WHERE a.item_id = i.id AND a.status = 'ACTIVE' AND a.lease_expires_at > now()) < $2 + i.extra_judgments
  ORDER BY i.position
  LIMIT 1
  ${lock}`;

/**
 * Locks the next open item. Items another claim or submit is holding are skipped rather than
 * waited for; only when every open item is held does the claim wait for one, so a worker is never
 * told "nothing left" while an item still has a slot.
 */
async function lockNextOpenItem(
  sql: SqlRunner,
  {
    batchIds,
    k,
    workerId,
    holding,
    passedOver,
    mayWait,
  }: { batchIds: string[]; k: number; workerId: string; holding: boolean; passedOver: string[]; mayWait: boolean },
) {
  for (const lock of mayWait ? ["FOR UPDATE SKIP LOCKED", "FOR UPDATE"] : ["FOR UPDATE SKIP LOCKED"]) {
    for (const batchId of batchIds) {
      const [row] = await sql.query<{ id: string }>(PICK_OPEN_ITEM(lock, holding), [batchId, k, workerId, passedOver]);
      if (row) return row.id;
    }
  }
  return null;
}

/** k is null for a check item: it has no slots, and every worker may answer it once. */
type Lease = { projectId: string; itemId: string; workerId: string; studySessionId: string | null; k: number | null; leaseSeconds: number };

/**
 * Creates the lease if the item, now locked, really has a slot. The statement starts after the
 * lock was granted, so it counts every claim and submit that committed before: the pick's snapshot
 * may be older than that. The batch must still be active: its row is held (FOR KEY SHARE, the lock
 * a foreign key check takes) until the claim commits, and closing a batch locks it FOR UPDATE, so a
 * lease is never created in a batch whose close has already revoked the others. The display order
 * is shuffled per assignment and stored.
 */
async function leaseIfOpen(sql: SqlRunner, { projectId, itemId, workerId, studySessionId, k, leaseSeconds }: Lease): Promise<string | null> {
  const [assignment] = await sql.query<{ id: string }>(
    `WITH open_batch AS (SELECT b.id FROM batches b
                         WHERE b.id = (SELECT batch_id FROM items WHERE id = $2::uuid) AND b.status = 'ACTIVE'
                         FOR KEY SHARE)
     INSERT INTO assignments (project_id, item_id, worker_id, display_order, lease_expires_at, study_session_id)
     SELECT $1::uuid, i.id, $3::uuid,
            ARRAY(SELECT c.id FROM candidates c WHERE c.item_id = i.id ORDER BY random()),
            now() + make_interval(secs => $5), $6::uuid
     FROM items i
     WHERE i.id = $2::uuid AND EXISTS (SELECT 1 FROM open_batch)
       AND ($4::int IS NULL OR i.judgment_count + (SELECT count(*) FROM assignments a
             WHERE a.item_id = i.id AND a.status = 'ACTIVE' AND a.lease_expires_at > now()) < $4 + i.extra_judgments)
       AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = i.id AND j.worker_id = $3::uuid)
       AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.item_id = i.id AND s.worker_id = $3::uuid AND s.status = 'ACTIVE')
     RETURNING id`,
    [projectId, itemId, workerId, k, leaseSeconds, studySessionId],
  );
  return assignment?.id ?? null;
}
