import { describe, expect, it } from "vitest";
import { claimNextTask, findTaskForWorker } from "@/lib/data/assignments";
import { setBatchPriority, setBatchStatus } from "@/lib/data/batches";
import { BATCH_STATUSES, type BatchStatusName } from "@/lib/data/batch-transitions";
import { submitJudgment } from "@/lib/data/judgments";
import { extendLease, saveDraft } from "@/lib/data/leases";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

const ALLOWED = new Set(["DRAFT->ACTIVE", "ACTIVE->PAUSED", "PAUSED->ACTIVE", "DRAFT->CLOSED", "ACTIVE->CLOSED", "PAUSED->CLOSED"]);

async function batchIn(status: BatchStatusName, count = 2) {
  const project = await createTestProject();
  const batch = await createItemsRecord(db(), { projectId: project.id, count, status });
  return { project, batch };
}

async function auditOf(batchId: string, action: string) {
  return db().auditEvent.findMany({ where: { targetId: batchId, action }, orderBy: { seq: "asc" } });
}

describe("setBatchStatus", () => {
  it("allows exactly the lifecycle's transitions and refuses the rest with a reason, changing nothing", async () => {
    const admin = await createTestUser("ADMIN");
    for (const from of BATCH_STATUSES) {
      for (const to of BATCH_STATUSES) {
        const { batch } = await batchIn(from, 1);
        const attempt = setBatchStatus({ actor: admin, input: { batchId: batch.id, status: to } });
        if (ALLOWED.has(`${from}->${to}`)) {
          await expect(attempt, `${from}->${to}`).resolves.toMatchObject({ status: to });
          expect((await db().batch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe(to);
        } else {
          await expect(attempt, `${from}->${to}`).rejects.toMatchObject({ code: "CONFLICT", message: expect.stringMatching(/\w{3,}/) });
          expect((await db().batch.findUniqueOrThrow({ where: { id: batch.id } })).status).toBe(from);
          expect(await auditOf(batch.id, "batch.status")).toEqual([]);
        }
      }
    }
  });

  it("records each change with its status before and after, and sets activatedAt once and closedAt", async () => {
    const admin = await createTestUser("ADMIN");
    const { batch } = await batchIn("DRAFT");
    await setBatchStatus({ actor: admin, input: { batchId: batch.id, status: "ACTIVE" } });
    const activatedAt = (await db().batch.findUniqueOrThrow({ where: { id: batch.id } })).activatedAt;
    expect(activatedAt).not.toBeNull();
    await setBatchStatus({ actor: admin, input: { batchId: batch.id, status: "PAUSED" } });
    await setBatchStatus({ actor: admin, input: { batchId: batch.id, status: "ACTIVE" } });
    await setBatchStatus({ actor: admin, input: { batchId: batch.id, status: "CLOSED" } });
    const stored = await db().batch.findUniqueOrThrow({ where: { id: batch.id } });
    expect(stored.activatedAt).toEqual(activatedAt);
    expect(stored.closedAt).not.toBeNull();
    const events = await auditOf(batch.id, "batch.status");
    expect(events.map((event) => [event.actorId, event.targetType, event.before, event.after])).toEqual([
      [admin.id, "batch", { status: "DRAFT" }, { status: "ACTIVE" }],
      [admin.id, "batch", { status: "ACTIVE" }, { status: "PAUSED" }],
      [admin.id, "batch", { status: "PAUSED" }, { status: "ACTIVE" }],
      [admin.id, "batch", { status: "ACTIVE" }, { status: "CLOSED", revokedLeases: 0 }],
    ]);
  });

  it("gives no claims in a draft batch until it is activated", async () => {
    const admin = await createTestUser("ADMIN");
    const { project, batch } = await batchIn("DRAFT");
    const worker = await createTestUser();
    expect(await claimNextTask({ actor: worker, projectSlug: project.slug })).toBeNull();
    await setBatchStatus({ actor: admin, input: { batchId: batch.id, status: "ACTIVE" } });
    expect(await claimNextTask({ actor: worker, projectSlug: project.slug })).not.toBeNull();
  });

  it("pausing stops new claims but an open lease still saves drafts, gets more time and submits", async () => {
    const admin = await createTestUser("ADMIN");
    const { project, batch } = await batchIn("ACTIVE");
    const [holder, other] = [await createTestUser(), await createTestUser()];
    const assignmentId = (await claimNextTask({ actor: holder, projectSlug: project.slug }))!;
    await setBatchStatus({ actor: admin, input: { batchId: batch.id, status: "PAUSED" } });

    expect(await claimNextTask({ actor: other, projectSlug: project.slug })).toBeNull();
    expect((await db().assignment.findUniqueOrThrow({ where: { id: assignmentId } })).status).toBe("ACTIVE");
    await saveDraft({ actor: holder, assignmentId, draft: { strength: 3 } });
    await extendLease({ actor: holder, assignmentId });
    await submitJudgment({ actor: holder, assignmentId, input: { strength: 3, idempotencyKey: `paused-${assignmentId}` } });
    expect(await db().judgment.findUniqueOrThrow({ where: { assignmentId } })).toMatchObject({ workerId: holder.id, strength: 3 });
    // The worker's next claim finds nothing either: the batch is paused.
    expect(await claimNextTask({ actor: holder, projectSlug: project.slug })).toBeNull();
  });

  it("closing revokes the batch's open leases, which then refuse submit, draft and more time as withdrawn", async () => {
    const admin = await createTestUser("ADMIN");
    const { project, batch } = await batchIn("ACTIVE");
    const other = await batchIn("ACTIVE");
    const worker = await createTestUser();
    const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
    const elsewhere = (await claimNextTask({ actor: worker, projectSlug: other.project.slug }))!;

    const closed = await setBatchStatus({ actor: admin, input: { batchId: batch.id, status: "CLOSED" } });
    expect(closed.revokedLeases).toBe(1);
    expect((await db().assignment.findUniqueOrThrow({ where: { id: assignmentId } })).status).toBe("REVOKED");
    expect((await db().assignment.findUniqueOrThrow({ where: { id: elsewhere } })).status).toBe("ACTIVE");

    const withdrawn = { code: "GONE", message: expect.stringMatching(/withdrawn by an admin/) };
    await expect(submitJudgment({ actor: worker, assignmentId, input: { strength: 1, idempotencyKey: `closed-${assignmentId}` } })).rejects.toMatchObject(
      withdrawn,
    );
    await expect(saveDraft({ actor: worker, assignmentId, draft: { strength: 1 } })).rejects.toMatchObject(withdrawn);
    await expect(extendLease({ actor: worker, assignmentId })).rejects.toMatchObject(withdrawn);
    expect(await db().judgment.count({ where: { assignmentId } })).toBe(0);
    expect((await findTaskForWorker({ actor: worker, assignmentId })).status).toBe("WITHDRAWN");
    expect(await claimNextTask({ actor: worker, projectSlug: project.slug })).toBeNull();
    expect((await auditOf(batch.id, "batch.status")).at(-1)?.after).toEqual({ status: "CLOSED", revokedLeases: 1 });
  });
});

describe("setBatchPriority", () => {
  it("makes claims take the higher-priority batch first, and records the change", async () => {
    const admin = await createTestUser("ADMIN");
    const project = await createTestProject();
    const older = await createItemsRecord(db(), { projectId: project.id, count: 3 });
    const newer = await createItemsRecord(db(), { projectId: project.id, count: 3 });
    const batchOfClaim = async () => {
      const assignmentId = await claimNextTask({ actor: await createTestUser(), projectSlug: project.slug });
      return (await db().assignment.findUniqueOrThrow({ where: { id: assignmentId! }, include: { item: true } })).item.batchId;
    };
    expect(await batchOfClaim()).toBe(older.id);
    await setBatchPriority({ actor: admin, input: { batchId: newer.id, priority: 5 } });
    expect(await batchOfClaim()).toBe(newer.id);
    expect((await db().batch.findUniqueOrThrow({ where: { id: newer.id } })).priority).toBe(5);
    const [event] = await auditOf(newer.id, "batch.priority");
    expect(event).toMatchObject({ actorId: admin.id, before: { priority: 0 }, after: { priority: 5 } });
  });

  it("refuses a priority that is not a whole number", async () => {
    const admin = await createTestUser("ADMIN");
    const { batch } = await batchIn("ACTIVE");
    await expect(setBatchPriority({ actor: admin, input: { batchId: batch.id, priority: 1.5 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    expect((await db().batch.findUniqueOrThrow({ where: { id: batch.id } })).priority).toBe(0);
  });
});
