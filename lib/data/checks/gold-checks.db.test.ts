import { describe, expect, it } from "vitest";
import { claimNextTask, findTaskForWorker } from "@/lib/data/assignments";
import { saveDraft } from "@/lib/data/leases";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { PAUSED_MESSAGE } from "@/lib/data/checks/claim-checks";
import { answerCheck, leasedItem } from "@/lib/testing/check-answers";
import { createTestProject, createTestUser, createTestUsers } from "@/lib/testing/factories";
import { compareWorkerViews } from "@/lib/testing/worker-counter-checks";
import { findProjectsForWorker } from "@/lib/data/worker-projects";

async function standingOf(workerId: string, projectId: string) {
  return db().workerStanding.findUnique({ where: { workerId_projectId: { workerId, projectId } } });
}

/** The shape of a value with every string and number blanked: what is left tells the kinds apart. */
function shapeOf(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shapeOf);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, shapeOf(inner)]));
  return typeof value;
}

describe("gold items mixed into a project", () => {
  it("come at the project's rate, once per worker, and never fill or close a task's k", async () => {
    const project = await createTestProject({ goldRate: 0.5, goldMinAnswers: 1000 });
    await createItemsRecord(db(), { projectId: project.id, count: 120 });
    const gold = await createItemsRecord(db(), { projectId: project.id, count: 120, role: "GOLD" });
    const worker = await createTestUser();
    const roles: string[] = [];
    for (let claim = 0; claim < 100; claim++) {
      const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
      roles.push((await leasedItem(assignmentId)).role);
      await answerCheck(worker, assignmentId, true);
    }
    const golds = roles.filter((role) => role === "GOLD").length;
    // Binomial(100, 0.5): outside 30..70 about once in 40,000 runs.
    expect(golds).toBeGreaterThanOrEqual(30);
    expect(golds).toBeLessThanOrEqual(70);
    const goldItems = await db().item.findMany({ where: { batchId: gold.id, judgments: { some: {} } } });
    expect(goldItems).toHaveLength(golds);
    expect(goldItems.every((item) => item.isComplete && item.judgmentCount === 1)).toBe(true);
    expect(await standingOf(worker.id, project.id)).toMatchObject({ goldAnswers: golds, goldCorrect: golds, pausedAt: null });
    const tasksDone = await db().item.count({ where: { projectId: project.id, role: "TASK", isComplete: true } });
    expect(tasksDone).toBe(100 - golds);
    const views = await compareWorkerViews({ projectIds: [project.id], workerIds: [worker.id] });
    expect(views.kept).toEqual(views.counted);
  });

  it("never come at a rate of 0, and every worker may answer a gold item whatever k is", async () => {
    const quiet = await createTestProject();
    await createItemsRecord(db(), { projectId: quiet.id, count: 5 });
    await createItemsRecord(db(), { projectId: quiet.id, count: 5, role: "GOLD" });
    const worker = await createTestUser();
    for (let claim = 0; claim < 5; claim++) {
      const assignmentId = (await claimNextTask({ actor: worker, projectSlug: quiet.slug }))!;
      expect((await leasedItem(assignmentId)).role).toBe("TASK");
      await answerCheck(worker, assignmentId, true);
    }
    expect(await claimNextTask({ actor: worker, projectSlug: quiet.slug })).toBeNull();

    const goldOnly = await createTestProject({ goldRate: 0.5, judgmentsPerItem: 1, goldMinAnswers: 1000 });
    const batch = await createItemsRecord(db(), { projectId: goldOnly.id, count: 1, role: "GOLD" });
    await createItemsRecord(db(), { projectId: goldOnly.id, count: 40 });
    const workers = await createTestUsers(3);
    for (const each of workers) {
      // Claims until the gold item comes: the rate is 0.5, so 40 tasks run out about once in 10^12.
      for (;;) {
        const assignmentId = (await claimNextTask({ actor: each, projectSlug: goldOnly.slug }))!;
        const { role } = await leasedItem(assignmentId);
        await answerCheck(each, assignmentId, true);
        if (role === "GOLD") break;
      }
    }
    const [item] = await db().item.findMany({ where: { batchId: batch.id } });
    expect(item).toMatchObject({ judgmentCount: 3, isComplete: true });
  });

  it("look like any task to the worker: the same fields, no role", async () => {
    const project = await createTestProject({ goldRate: 0.5, goldMinAnswers: 1000 });
    await createItemsRecord(db(), { projectId: project.id, count: 30 });
    await createItemsRecord(db(), { projectId: project.id, count: 30, role: "GOLD" });
    const worker = await createTestUser();
    const views: Record<string, unknown> = {};
    while (!views.GOLD || !views.TASK) {
      const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
      const view = await findTaskForWorker({ actor: worker, assignmentId });
      views[(await leasedItem(assignmentId)).role] = { ...view, firstInProject: false };
      expect(JSON.stringify(view)).not.toMatch(/gold|GOLD|reference/);
      await answerCheck(worker, assignmentId, true);
    }
    expect(shapeOf(views.GOLD)).toEqual(shapeOf(views.TASK));
  });

  it("count on the task list like tasks, so the number drops by one whichever was answered, and stop with the tasks", async () => {
    const project = await createTestProject({ goldRate: 0.5, goldMinAnswers: 1000 });
    await createItemsRecord(db(), { projectId: project.id, count: 6 });
    await createItemsRecord(db(), { projectId: project.id, count: 40, role: "ATTENTION" });
    const worker = await createTestUser();
    const openOnList = async () => (await findProjectsForWorker({ actor: worker })).find((each) => each.slug === project.slug)!.available;
    expect(await openOnList()).toBe(46);
    const drops: Record<string, number[]> = { TASK: [], ATTENTION: [] };
    let tasksLeft = 6;
    while (tasksLeft > 0) {
      const before = await openOnList();
      const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
      const { role } = await leasedItem(assignmentId);
      await answerCheck(worker, assignmentId, true);
      if (role === "TASK") tasksLeft--;
      if (tasksLeft > 0) drops[role].push(before - (await openOnList()));
    }
    expect(drops.TASK.every((drop) => drop === 1) && drops.ATTENTION.every((drop) => drop === 1)).toBe(true);
    // The tasks are done: the list shows nothing open, and the attention items left are not handed out.
    expect(await openOnList()).toBe(0);
    const answeredChecks = await db().judgment.count({ where: { workerId: worker.id, item: { role: "ATTENTION" } } });
    // At the rate of 0.5, all 40 come before the 6th task about once in 10^7 runs.
    expect(answeredChecks).toBeLessThan(40);
    for (let claim = 0; claim < 20; claim++) expect(await claimNextTask({ actor: worker, projectSlug: project.slug })).toBeNull();
  });
});

describe("the pause", () => {
  it("pauses a worker below the threshold after the minimum, says why, and ends their leases", async () => {
    const project = await createTestProject({ goldRate: 0.5, goldMinAnswers: 4, goldThreshold: 0.75, maxOpenLeases: 2 });
    await createItemsRecord(db(), { projectId: project.id, count: 60 });
    await createItemsRecord(db(), { projectId: project.id, count: 20, role: "ATTENTION" });
    const worker = await createTestUser();
    let checks = 0;
    let heldWhilePaused: string | null = null;
    while (checks < 4) {
      const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
      const { role } = await leasedItem(assignmentId);
      if (role === "TASK") {
        await answerCheck(worker, assignmentId, true);
        continue;
      }
      checks++;
      // Right, right, wrong, wrong: 2 of 4 is below 75% only once the fourth is in.
      if (checks === 4) heldWhilePaused = await claimNextTask({ actor: worker, projectSlug: project.slug });
      await answerCheck(worker, assignmentId, checks <= 2);
      const standing = await standingOf(worker.id, project.id);
      expect(standing!.pausedAt === null).toBe(checks < 4);
    }
    const standing = await standingOf(worker.id, project.id);
    expect(standing).toMatchObject({ goldAnswers: 4, goldCorrect: 2 });
    expect(standing!.pauseReason).toBe("Gold accuracy 2 of 4 (50%, 95% interval 15% to 85%) is below the project's 75% after 4 gold answers");
    expect(await db().assignment.count({ where: { workerId: worker.id, status: "ACTIVE" } })).toBe(0);
    await expect(claimNextTask({ actor: worker, projectSlug: project.slug })).rejects.toMatchObject({ code: "FORBIDDEN", message: PAUSED_MESSAGE });
    // The lease the pause ended says why when answered or kept, not that time ran out.
    const pausedAnswer = { code: "FORBIDDEN", message: `${PAUSED_MESSAGE}. Your answer to this task was not stored` };
    await expect(answerCheck(worker, heldWhilePaused!, true)).rejects.toMatchObject(pausedAnswer);
    await expect(saveDraft({ actor: worker, assignmentId: heldWhilePaused!, draft: { strength: 2 } })).rejects.toMatchObject(pausedAnswer);
    expect(await db().judgment.count({ where: { assignmentId: heldWhilePaused! } })).toBe(0);
    // The pause is per project: another project still gives this worker tasks.
    const other = await createTestProject();
    await createItemsRecord(db(), { projectId: other.id, count: 1 });
    expect(await claimNextTask({ actor: worker, projectSlug: other.slug })).not.toBeNull();
  });
});
