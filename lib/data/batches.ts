import "server-only";
import { endConversationsByAdmin } from "@/lib/data/conversations-ended-by-admin";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/data/users";
import { recordAuditEvent } from "@/lib/data/audit";
import { explainRefusedTransition, type BatchStatusName } from "@/lib/data/batch-transitions";
import { setBatchPrioritySchema, setBatchStatusSchema, type SetBatchPriorityInput, type SetBatchStatusInput } from "@/lib/validations/batch";
import { parseInput } from "@/lib/validations/parse";

export async function findBatchesForProject({ projectId }: { projectId: string }) {
  const batches = await db().batch.findMany({
    where: { projectId },
    select: {
      id: true,
      name: true,
      status: true,
      priority: true,
      sourceFormat: true,
      itemCount: true,
      createdAt: true,
      createdBy: { select: { email: true } },
    },
    orderBy: { createdAt: "desc" },
  });
  const counts = await countItemsByBatch({ projectId });
  return batches.map((batch) => ({ ...batch, ...(counts.get(batch.id) ?? { taskCount: 0, completeCount: 0, checkCount: 0 }) }));
}

/** Per batch: its tasks, those complete, and its check items (always complete, never to do: counted apart). */
async function countItemsByBatch({ projectId }: { projectId: string }) {
  const groups = await db().item.groupBy({ by: ["batchId", "role", "isComplete"], where: { projectId }, _count: { _all: true } });
  const counts = new Map<string, { taskCount: number; completeCount: number; checkCount: number }>();
  for (const group of groups) {
    const count = counts.get(group.batchId) ?? { taskCount: 0, completeCount: 0, checkCount: 0 };
    if (group.role !== "TASK") count.checkCount += group._count._all;
    else {
      count.taskCount += group._count._all;
      if (group.isComplete) count.completeCount += group._count._all;
    }
    counts.set(group.batchId, count);
  }
  return counts;
}

/** Every batch with its project, for choosing what an export covers. */
export async function findBatchChoices() {
  const batches = await db().batch.findMany({
    select: { id: true, name: true, itemCount: true, project: { select: { slug: true } } },
    orderBy: [{ project: { slug: "asc" } }, { createdAt: "asc" }],
  });
  return batches.map((batch) => ({ id: batch.id, name: batch.name, itemCount: batch.itemCount, project: batch.project.slug }));
}

/**
 * Moves a batch along its lifecycle. The batch row is locked first (FOR UPDATE, which also waits
 * for claims holding it: see claim-task.ts), so a claim either commits its lease before the close
 * and has it revoked, or sees the batch closed. Pausing leaves leases alone: workers finish what
 * they hold. Closing revokes every open lease of the batch in the same transaction.
 */
export async function setBatchStatus({ actor, input }: { actor: Actor; input: SetBatchStatusInput }) {
  const { batchId, status } = parseInput(setBatchStatusSchema, input);
  return db().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<
      { status: BatchStatusName; activated_at: Date | null }[]
    >`SELECT status, activated_at FROM batches WHERE id = ${batchId}::uuid FOR UPDATE`;
    if (!locked) throw new AppError("NOT_FOUND", "No such batch");
    const refusal = explainRefusedTransition(locked.status, status);
    if (refusal) throw new AppError("CONFLICT", refusal, [{ field: "status", message: refusal }]);
    const now = new Date();
    const batch = await tx.batch.update({
      where: { id: batchId },
      data: {
        status,
        // The first activation: throughput is charted from there, across pauses.
        ...(status === "ACTIVE" && !locked.activated_at ? { activatedAt: now } : {}),
        ...(status === "CLOSED" ? { closedAt: now } : {}),
      },
      select: { id: true, status: true, activatedAt: true, closedAt: true, project: { select: { slug: true } } },
    });
    const revokedLeases =
      status === "CLOSED"
        ? await tx.$executeRaw`UPDATE assignments SET status = 'REVOKED'
            WHERE status = 'ACTIVE' AND item_id IN (SELECT id FROM items WHERE batch_id = ${batchId}::uuid)`
        : 0;
    // A live batch's conversations end with it; the project's next conversation starts a new batch.
    const endedConversations = status === "CLOSED" ? await endConversationsByAdmin(tx, { batchId }) : 0;
    await recordAuditEvent(tx, {
      actor,
      action: "batch.status",
      targetType: "batch",
      targetId: batchId,
      before: { status: locked.status },
      after: { status, ...(status === "CLOSED" ? { revokedLeases, ...(endedConversations > 0 ? { endedConversations } : {}) } : {}) },
    });
    return { id: batch.id, status: batch.status, projectSlug: batch.project.slug, revokedLeases };
  });
}

export async function setBatchPriority({ actor, input }: { actor: Actor; input: SetBatchPriorityInput }) {
  const { batchId, priority } = parseInput(setBatchPrioritySchema, input);
  return db().$transaction(async (tx) => {
    const [locked] = await tx.$queryRaw<{ priority: number }[]>`SELECT priority FROM batches WHERE id = ${batchId}::uuid FOR UPDATE`;
    if (!locked) throw new AppError("NOT_FOUND", "No such batch");
    const batch = await tx.batch.update({
      where: { id: batchId },
      data: { priority },
      select: { id: true, priority: true, project: { select: { slug: true } } },
    });
    await recordAuditEvent(tx, {
      actor,
      action: "batch.priority",
      targetType: "batch",
      targetId: batchId,
      before: { priority: locked.priority },
      after: { priority },
    });
    return { id: batch.id, priority: batch.priority, projectSlug: batch.project.slug };
  });
}
