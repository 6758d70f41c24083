import "server-only";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { ChatMessage } from "@/lib/formats/item";
import type { Actor } from "@/lib/data/users";
import { shuffled } from "@/lib/data/shuffle";
import { responseLabel } from "@/lib/validations/judgment";

type Tx = Parameters<Parameters<ReturnType<typeof db>["$transaction"]>[0]>[0];

// A claim may find items that filled up after its snapshot; it skips those and looks again.
const MAX_PICKS = 25;

/**
 * Gives the worker a lease on an item of the project that still needs judgments: never one they
 * judged, never more live leases plus judgments than k. If the worker already holds a live lease
 * in the project, that one is returned, so a second tab or a retry does not take a second item.
 */
export async function claimNextTask({ actor, projectSlug }: { actor: Actor; projectSlug: string }): Promise<string | null> {
  return db().$transaction(
    async (tx) => {
      const [project] = await tx.$queryRaw<{ id: string; k: number; lease_seconds: number }[]>`
        SELECT id, judgments_per_item AS k, lease_seconds FROM projects WHERE slug = ${projectSlug}`;
      if (!project) throw new AppError("NOT_FOUND", `No project with slug "${projectSlug}"`);
      // Serialises this worker's own claims (two tabs, retries) without blocking anyone else.
      await tx.$queryRaw`SELECT 1 FROM users WHERE id = ${actor.id}::uuid FOR NO KEY UPDATE`;
      const [current] = await tx.$queryRaw<{ id: string }[]>`
        SELECT id FROM assignments
        WHERE worker_id = ${actor.id}::uuid AND project_id = ${project.id}::uuid
          AND status = 'ACTIVE' AND lease_expires_at > now()
        ORDER BY created_at LIMIT 1`;
      if (current) return current.id;
      await expireOwnLeases(tx, actor.id);

      const passedOver: string[] = [];
      for (let pick = 0; pick < MAX_PICKS; pick++) {
        const itemId = await lockNextOpenItem(tx, { projectId: project.id, k: project.k, workerId: actor.id, passedOver });
        if (!itemId) return null;
        if (await hasOpenSlot(tx, { itemId, k: project.k, workerId: actor.id })) {
          return createAssignment(tx, { projectId: project.id, itemId, workerId: actor.id, leaseSeconds: project.lease_seconds });
        }
        passedOver.push(itemId);
      }
      throw new AppError("CONFLICT", "Every open task was taken while looking for one; try again");
    },
    { maxWait: 10_000, timeout: 20_000 },
  );
}

async function expireOwnLeases(tx: Tx, workerId: string) {
  await tx.$executeRaw`
    UPDATE assignments SET status = 'EXPIRED'
    WHERE worker_id = ${workerId}::uuid AND status = 'ACTIVE' AND lease_expires_at <= now()`;
}

// Locks the first item, in batch priority then file order, that looks open in this statement's
// snapshot. Items another claim is holding are skipped rather than waited for.
async function lockNextOpenItem(
  tx: Tx,
  { projectId, k, workerId, passedOver }: { projectId: string; k: number; workerId: string; passedOver: string[] },
): Promise<string | null> {
  const [row] = await tx.$queryRaw<{ id: string }[]>`
    SELECT i.id FROM items i JOIN batches b ON b.id = i.batch_id
    WHERE i.project_id = ${projectId}::uuid AND b.status = 'ACTIVE' AND i.judgment_count < ${k}
      AND i.id <> ALL(${passedOver}::uuid[])
      AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = i.id AND j.worker_id = ${workerId}::uuid)
      AND i.judgment_count + (SELECT count(*) FROM assignments a
        WHERE a.item_id = i.id AND a.status = 'ACTIVE' AND a.lease_expires_at > now()) < ${k}
    ORDER BY b.priority DESC, b.created_at, b.id, i.position
    LIMIT 1
    FOR UPDATE OF i SKIP LOCKED`;
  return row?.id ?? null;
}

// Re-counted under the item's lock in a new statement, which sees every claim and submit that
// committed before the lock was granted: the pick's snapshot can be older than that.
async function hasOpenSlot(tx: Tx, { itemId, k, workerId }: { itemId: string; k: number; workerId: string }) {
  const [row] = await tx.$queryRaw<{ taken: number; judged: boolean }[]>`
    SELECT (i.judgment_count + (SELECT count(*) FROM assignments a
              WHERE a.item_id = i.id AND a.status = 'ACTIVE' AND a.lease_expires_at > now()))::int AS taken,
           EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = i.id AND j.worker_id = ${workerId}::uuid) AS judged
    FROM items i WHERE i.id = ${itemId}::uuid`;
  return row.taken < k && !row.judged;
}

async function createAssignment(
  tx: Tx,
  { projectId, itemId, workerId, leaseSeconds }: { projectId: string; itemId: string; workerId: string; leaseSeconds: number },
) {
  const candidates = await tx.$queryRaw<{ id: string }[]>`
    SELECT id FROM candidates WHERE item_id = ${itemId}::uuid ORDER BY position`;
  const displayOrder = shuffled(candidates.map((c) => c.id));
  const [assignment] = await tx.$queryRaw<{ id: string }[]>`
    INSERT INTO assignments (project_id, item_id, worker_id, display_order, lease_expires_at)
    VALUES (${projectId}::uuid, ${itemId}::uuid, ${workerId}::uuid, ${displayOrder}::uuid[],
            now() + make_interval(secs => ${leaseSeconds}))
    RETURNING id`;
  return assignment.id;
}

export type TaskView = {
  assignmentId: string;
  status: "ACTIVE" | "SUBMITTED" | "EXPIRED";
  leaseExpiresAt: string;
  project: { slug: string; name: string; question: string; instructions: string; judgmentKind: "PAIRWISE" | "RANKING" };
  context: ChatMessage[];
  /** The responses in the order this worker sees them, labelled A, B, ...: no ids, no models. */
  responses: { label: string; text: string }[];
};

/**
 * The worker's view of one of their own assignments. The select is the blinding: model names,
 * reference ranks, candidate ids and other workers' answers never leave this function.
 */
export async function findTaskForWorker({ actor, assignmentId }: { actor: Actor; assignmentId: string }): Promise<TaskView> {
  if (!isUuid(assignmentId)) throw new AppError("NOT_FOUND", "No such task");
  const assignment = await db().assignment.findFirst({
    where: { id: assignmentId, workerId: actor.id },
    select: {
      id: true,
      status: true,
      leaseExpiresAt: true,
      displayOrder: true,
      project: { select: { slug: true, name: true, question: true, instructions: true, judgmentKind: true } },
      item: { select: { context: true, candidates: { select: { id: true, text: true } } } },
    },
  });
  if (!assignment) throw new AppError("NOT_FOUND", "No such task");
  const textById = new Map(assignment.item.candidates.map((c) => [c.id, c.text]));
  const expired = assignment.status !== "SUBMITTED" && (assignment.status !== "ACTIVE" || assignment.leaseExpiresAt <= new Date());
  return {
    assignmentId: assignment.id,
    status: assignment.status === "SUBMITTED" ? "SUBMITTED" : expired ? "EXPIRED" : "ACTIVE",
    leaseExpiresAt: assignment.leaseExpiresAt.toISOString(),
    project: assignment.project,
    context: assignment.item.context as ChatMessage[],
    responses: assignment.displayOrder.map((id, index) => ({ label: responseLabel(index), text: textById.get(id) ?? "" })),
  };
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
