import { describe, expect, it } from "vitest";
import { claimNextTask, findTaskForWorker } from "@/lib/data/assignments";
import { submitJudgment } from "@/lib/data/judgments";
import { extendLease, saveDraft, skipTask } from "@/lib/data/leases";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

async function leasedTask(options: Parameters<typeof createTestProject>[0] = {}, itemCount = 2) {
  const project = await createTestProject(options);
  await createItemsRecord(db(), { projectId: project.id, count: itemCount });
  const worker = await createTestUser();
  const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
  return { project, worker, assignmentId };
}

async function storedAssignment(assignmentId: string) {
  return db().assignment.findUniqueOrThrow({ where: { id: assignmentId } });
}

async function setLeaseEnd(assignmentId: string, msFromNow: number) {
  await db().assignment.update({ where: { id: assignmentId }, data: { leaseExpiresAt: new Date(Date.now() + msFromNow) } });
}

describe("saveDraft", () => {
  it("stores the draft and when it was saved, shows it on the task, and a second save replaces it", async () => {
    const { worker, assignmentId } = await leasedTask();
    const first = { strength: -2, rationale: "A cites a source" };
    const { savedAt } = await saveDraft({ actor: worker, assignmentId, draft: first });
    expect(await storedAssignment(assignmentId)).toMatchObject({ draft: first, draftSavedAt: new Date(savedAt) });
    expect((await findTaskForWorker({ actor: worker, assignmentId })).draft).toEqual({ value: first, savedAt });

    const second = { bothBad: true, flags: { B: ["harmful"] } };
    const again = await saveDraft({ actor: worker, assignmentId, draft: second });
    const stored = await storedAssignment(assignmentId);
    expect(stored.draft).toEqual(second);
    expect(stored.draftSavedAt!.toISOString()).toBe(again.savedAt);
    expect(again.savedAt >= savedAt).toBe(true);
    expect((await findTaskForWorker({ actor: worker, assignmentId })).draft).toEqual({ value: second, savedAt: again.savedAt });
  });

  it("shows no draft on a task that has none", async () => {
    const { worker, assignmentId } = await leasedTask();
    expect((await findTaskForWorker({ actor: worker, assignmentId })).draft).toBeNull();
  });

  it.each([
    { case: "a rationale of 10,001 characters", draft: { rationale: "x".repeat(10_001) }, field: "rationale" },
    { case: "strength 9", draft: { strength: 9 }, field: "strength" },
    { case: "a ranking with a label past I", draft: { ranking: [["A"], ["Z"]] }, field: "ranking[1][0]" },
  ])("refuses $case as invalid input and keeps the old draft", async ({ draft, field }) => {
    const { worker, assignmentId } = await leasedTask();
    const kept = { strength: 1 };
    const { savedAt } = await saveDraft({ actor: worker, assignmentId, draft: kept });
    await expect(saveDraft({ actor: worker, assignmentId, draft })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: expect.arrayContaining([expect.objectContaining({ field })]),
    });
    expect(await storedAssignment(assignmentId)).toMatchObject({ draft: kept, draftSavedAt: new Date(savedAt) });
  });

  it("refuses a save on an expired lease and stores nothing", async () => {
    const { worker, assignmentId } = await leasedTask();
    await setLeaseEnd(assignmentId, -1000);
    await expect(saveDraft({ actor: worker, assignmentId, draft: { strength: 1 } })).rejects.toMatchObject({ code: "LEASE_EXPIRED" });
    expect(await storedAssignment(assignmentId)).toMatchObject({ draft: null, draftSavedAt: null });
  });

  it("refuses a save on another worker's task as not found and stores nothing", async () => {
    const { assignmentId } = await leasedTask();
    await expect(saveDraft({ actor: await createTestUser(), assignmentId, draft: { strength: 1 } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await storedAssignment(assignmentId)).toMatchObject({ draft: null, draftSavedAt: null });
  });

  it("refuses a save after the task was submitted", async () => {
    const { worker, assignmentId } = await leasedTask();
    await submitJudgment({ actor: worker, assignmentId, input: { strength: 2, idempotencyKey: "submitted-before-draft" } });
    await expect(saveDraft({ actor: worker, assignmentId, draft: { strength: -2 } })).rejects.toMatchObject({ code: "ALREADY_SUBMITTED" });
    expect((await storedAssignment(assignmentId)).draft).toBeNull();
  });
});

describe("skipTask", () => {
  it("releases the task with the worker's reason", async () => {
    const { worker, assignmentId } = await leasedTask();
    await skipTask({ actor: worker, assignmentId, input: { reason: "  I cannot judge code  " } });
    expect(await storedAssignment(assignmentId)).toMatchObject({ status: "RELEASED", skipReason: "I cannot judge code" });
  });

  it.each(["", "   "])("refuses the empty reason %j and keeps the lease", async (reason) => {
    const { worker, assignmentId } = await leasedTask();
    await expect(skipTask({ actor: worker, assignmentId, input: { reason } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [expect.objectContaining({ field: "reason" })],
    });
    expect(await storedAssignment(assignmentId)).toMatchObject({ status: "ACTIVE", skipReason: null });
  });

  it("never offers the skipped item to the skipper again, but does to another worker, and shows the task as skipped", async () => {
    const { project, worker, assignmentId } = await leasedTask({ judgmentsPerItem: 1 }, 1);
    await skipTask({ actor: worker, assignmentId, input: { reason: "Not my language" } });
    expect(await claimNextTask({ actor: worker, projectSlug: project.slug })).toBeNull();

    const other = await createTestUser();
    const othersTask = await claimNextTask({ actor: other, projectSlug: project.slug });
    expect(othersTask).not.toBeNull();
    expect((await storedAssignment(othersTask!)).itemId).toBe((await storedAssignment(assignmentId)).itemId);

    expect(await claimNextTask({ actor: worker, projectSlug: project.slug })).toBeNull();
    expect((await findTaskForWorker({ actor: worker, assignmentId })).status).toBe("SKIPPED");
  });

  it("says the task was skipped when the worker then saves, skips again or answers it", async () => {
    const { worker, assignmentId } = await leasedTask();
    await skipTask({ actor: worker, assignmentId, input: { reason: "Not my language" } });
    const skipped = { code: "CONFLICT", message: "You skipped this task; it went back to the pool" };
    await expect(saveDraft({ actor: worker, assignmentId, draft: { strength: 1 } })).rejects.toMatchObject(skipped);
    await expect(skipTask({ actor: worker, assignmentId, input: { reason: "again" } })).rejects.toMatchObject(skipped);
    await expect(submitJudgment({ actor: worker, assignmentId, input: { strength: 1, idempotencyKey: "after-skip-1" } })).rejects.toMatchObject(skipped);
    expect(await db().judgment.count({ where: { assignmentId } })).toBe(0);
  });

  it("refuses to skip another worker's task as not found", async () => {
    const { assignmentId } = await leasedTask();
    await expect(skipTask({ actor: await createTestUser(), assignmentId, input: { reason: "Not mine" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await storedAssignment(assignmentId)).status).toBe("ACTIVE");
  });
});

describe("extendLease", () => {
  it("gives a fresh full lease each time, three times at most, then refuses as a conflict", async () => {
    const { worker, assignmentId } = await leasedTask({ leaseSeconds: 600 });
    for (const [index, extensionsLeft] of [2, 1, 0].entries()) {
      await setLeaseEnd(assignmentId, 10_000);
      const before = Date.now();
      const extended = await extendLease({ actor: worker, assignmentId });
      expect(extended.extensionsLeft).toBe(extensionsLeft);
      const expiresAt = new Date(extended.leaseExpiresAt).getTime();
      expect(expiresAt).toBeGreaterThan(before + 590_000);
      // The database rounds its clock to the millisecond, possibly up.
      expect(expiresAt).toBeLessThanOrEqual(Date.now() + 600_001);
      expect(await storedAssignment(assignmentId)).toMatchObject({ leaseExtensions: index + 1, leaseExpiresAt: new Date(extended.leaseExpiresAt) });
    }

    await setLeaseEnd(assignmentId, 10_000);
    const { leaseExpiresAt } = await storedAssignment(assignmentId);
    await expect(extendLease({ actor: worker, assignmentId })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await storedAssignment(assignmentId)).toMatchObject({ leaseExtensions: 3, leaseExpiresAt });
  });

  it("refuses to extend an expired lease", async () => {
    const { worker, assignmentId } = await leasedTask({ leaseSeconds: 600 });
    await setLeaseEnd(assignmentId, -1000);
    const { leaseExpiresAt } = await storedAssignment(assignmentId);
    await expect(extendLease({ actor: worker, assignmentId })).rejects.toMatchObject({ code: "LEASE_EXPIRED" });
    expect(await storedAssignment(assignmentId)).toMatchObject({ leaseExtensions: 0, leaseExpiresAt });
  });

  it("refuses to extend another worker's lease as not found", async () => {
    const { assignmentId } = await leasedTask();
    await expect(extendLease({ actor: await createTestUser(), assignmentId })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await storedAssignment(assignmentId)).leaseExtensions).toBe(0);
  });
});

describe("findTaskForWorker: the worker's workspace", () => {
  it("says the task is the worker's first in the project until they have judged one there", async () => {
    const { project, worker, assignmentId } = await leasedTask();
    expect((await findTaskForWorker({ actor: worker, assignmentId })).firstInProject).toBe(true);
    await submitJudgment({ actor: worker, assignmentId, input: { strength: 2, idempotencyKey: "first-in-project" } });
    const next = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
    expect((await findTaskForWorker({ actor: worker, assignmentId: next })).firstInProject).toBe(false);
  });

  it("counts only judgments in the same project toward the first task", async () => {
    const { worker, assignmentId } = await leasedTask();
    await submitJudgment({ actor: worker, assignmentId, input: { strength: 2, idempotencyKey: "judged-elsewhere" } });
    const otherProject = await createTestProject();
    await createItemsRecord(db(), { projectId: otherProject.id, count: 1 });
    const there = (await claimNextTask({ actor: worker, projectSlug: otherProject.slug }))!;
    expect((await findTaskForWorker({ actor: worker, assignmentId: there })).firstInProject).toBe(true);
  });

  it("shows how many lease extensions are left", async () => {
    const { worker, assignmentId } = await leasedTask();
    expect((await findTaskForWorker({ actor: worker, assignmentId })).leaseExtensionsLeft).toBe(3);
    await extendLease({ actor: worker, assignmentId });
    const task = await findTaskForWorker({ actor: worker, assignmentId });
    expect(task.leaseExtensionsLeft).toBe(2);
    expect(task.leaseExpiresAt).toBe((await storedAssignment(assignmentId)).leaseExpiresAt.toISOString());
  });

  it("carries the project's answer rules", async () => {
    const flagOptions = [
      { id: "harmful", label: "Harmful" },
      { id: "made-up", label: "Makes things up" },
    ];
    const { project, worker, assignmentId } = await leasedTask({
      pairwiseScale: "SEVEN_POINT",
      allowTies: true,
      allowBothBad: true,
      flagOptions,
      rationaleMode: "REQUIRED",
      rationaleMinLength: 30,
      instructions: "Read both answers to the end.",
    });
    expect((await findTaskForWorker({ actor: worker, assignmentId })).project).toEqual({
      slug: project.slug,
      name: project.name,
      question: project.question,
      instructions: "Read both answers to the end.",
      judgmentKind: "PAIRWISE",
      pairwiseScale: "SEVEN_POINT",
      allowTies: true,
      allowBothBad: true,
      flagOptions,
      rationaleMode: "REQUIRED",
      rationaleMinLength: 30,
    });
  });
});
