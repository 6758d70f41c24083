import { describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { findBatchItems } from "@/lib/data/batch-items";
import { findBatchProgress } from "@/lib/data/batch-progress";
import { findBatchesForProject } from "@/lib/data/batches";
import { findProjectsWithProgress } from "@/lib/data/projects";
import { submitJudgment } from "@/lib/data/judgments";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { startInsidePeriod } from "@/lib/testing/clock-period";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

describe("findBatchProgress", () => {
  it("counts items, judgments, open leases and the last hours' throughput of this batch only", async () => {
    await startInsidePeriod("hour");
    const project = await createTestProject({ judgmentsPerItem: 2, rationaleMode: "OPTIONAL" });
    const batch = await createItemsRecord(db(), { projectId: project.id, count: 3 });
    await createItemsRecord(db(), { projectId: project.id, count: 2, status: "PAUSED" });
    await db().batch.update({ where: { id: batch.id }, data: { activatedAt: new Date(Date.now() - 3 * 3600_000) } });
    const [alice, bob, carol] = [await createTestUser(), await createTestUser(), await createTestUser()];
    for (const worker of [alice, bob]) {
      const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
      await submitJudgment({ actor: worker, assignmentId, input: { strength: -3, rationale: "A is right", idempotencyKey: `p-${assignmentId}` } });
    }
    await claimNextTask({ actor: carol, projectSlug: project.slug });

    const progress = await findBatchProgress({ batchId: batch.id });
    expect(progress).toMatchObject({
      status: "ACTIVE",
      project: { slug: project.slug, k: 2 },
      itemsTotal: 3,
      itemsComplete: 1,
      judgmentsStored: 2,
      judgmentsWanted: 6,
      openLeases: 1,
      judgmentsLastHour: 2,
      hoursToFinish: 2,
    });
    // Since activation (3 hours ago), so 4 hourly buckets, the last holding both judgments.
    expect(progress.perHour).toHaveLength(4);
    expect(progress.perHour.at(-1)?.judgments).toBe(2);
    expect(progress.perHour.slice(0, -1).every((bucket) => bucket.judgments === 0)).toBe(true);

    const { items, total, pageCount } = await findBatchItems({ actor: { role: "ADMIN" }, batchId: batch.id, page: 1 });
    expect({ total, pageCount }).toEqual({ total: 3, pageCount: 1 });
    expect(items.map((item) => [item.position, item.summary, item.judgmentCount, item.judgments.length])).toEqual([
      [1, "Question 1?", 2, 2],
      [2, "Question 2?", 0, 0],
      [3, "Question 3?", 0, 0],
    ]);
    const judgment = items[0].judgments.find((j) => j.worker === alice.email)!;
    expect(judgment).toMatchObject({ strength: -3, bothBad: false, rationale: "A is right" });
    expect(judgment.ranking.flat().sort()).toEqual([1, 2]);

    // Researchers see who judged what by a short id, never by email.
    const seenByResearcher = await findBatchItems({ actor: { role: "RESEARCHER" }, batchId: batch.id, page: 1 });
    const workers = seenByResearcher.items[0].judgments.map((j) => j.worker);
    expect(workers).toContain(`worker ${alice.id.slice(0, 8)}`);
    expect(workers.every((worker) => /^worker [0-9a-f]{8}$/.test(worker))).toBe(true);
  });

  it("says there is no estimate without a recent rate, and refuses unknown batches", async () => {
    const project = await createTestProject();
    const batch = await createItemsRecord(db(), { projectId: project.id, count: 1 });
    expect((await findBatchProgress({ batchId: batch.id })).hoursToFinish).toBeNull();
    await expect(findBatchProgress({ batchId: "not-a-uuid" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(findBatchProgress({ batchId: "00000000-0000-4000-8000-000000000000" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("progress of a batch with check items", () => {
  it("counts task items only, each wanting k plus its extra judgments", async () => {
    const project = await createTestProject({ judgmentsPerItem: 2 });
    const batch = await createItemsRecord(db(), { projectId: project.id, count: 4 });
    const items = await db().item.findMany({ where: { batchId: batch.id }, orderBy: { position: "asc" }, select: { id: true } });
    // Item 1 is gold and item 2 an attention check (with judgments of their own); item 3 wants one more by overlap.
    await db().item.updateMany({ where: { id: items[0].id }, data: { role: "GOLD", isComplete: true, judgmentCount: 5 } });
    await db().item.updateMany({ where: { id: items[1].id }, data: { role: "ATTENTION", isComplete: true } });
    await db().item.updateMany({ where: { id: items[2].id }, data: { extraJudgments: 1, judgmentCount: 2 } });

    const progress = await findBatchProgress({ batchId: batch.id });
    expect(progress).toMatchObject({ itemsTotal: 2, itemsComplete: 0, checkItems: 2, judgmentsStored: 2, judgmentsWanted: 5 });
    const projects = await findProjectsWithProgress();
    expect(projects.find((row) => row.slug === project.slug)).toMatchObject({ itemCount: 2, judgmentsWanted: 5 });
    const batches = await findBatchesForProject({ projectId: project.id });
    expect(batches[0]).toMatchObject({ taskCount: 2, completeCount: 0, checkCount: 2 });
    // The batch page still lists every item, check items with their role.
    const page = await findBatchItems({ actor: { role: "ADMIN" }, batchId: batch.id, page: 1 });
    expect(page.items.map((item) => [item.role, item.judgmentsWanted])).toEqual([
      ["gold", null],
      ["attention", null],
      ["task", 3],
      ["task", 2],
    ]);
  });
});
