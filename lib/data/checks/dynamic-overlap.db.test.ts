import { describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { answerCheck } from "@/lib/testing/check-answers";
import { createTestProject, createTestUsers } from "@/lib/testing/factories";
import { compareWorkerViews } from "@/lib/testing/worker-counter-checks";

/** Each worker in turn claims the one item and prefers the reference's best (true) or the other. */
async function judgeInTurn(slug: string, workers: Awaited<ReturnType<typeof createTestUsers>>, choices: boolean[]) {
  const claimed: (string | null)[] = [];
  for (const [index, right] of choices.entries()) {
    const assignmentId = await claimNextTask({ actor: workers[index], projectSlug: slug });
    claimed.push(assignmentId);
    if (assignmentId) await answerCheck(workers[index], assignmentId, right);
  }
  return claimed;
}

describe("dynamic overlap", () => {
  it("asks for one more judgment at a time while the judgments disagree, up to the maximum", async () => {
    const project = await createTestProject({ judgmentsPerItem: 2, overlapMax: 4, overlapDisagreement: 0.3 });
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    const workers = await createTestUsers(5);
    // 1-1 disagrees (0.5), 2-1 still does (0.33), and at 4 the maximum is reached whatever the split.
    const claimed = await judgeInTurn(project.slug, workers, [true, false, true, false, true]);
    expect(claimed.slice(0, 4).every(Boolean)).toBe(true);
    expect(claimed[4]).toBeNull();
    const [item] = await db().item.findMany({ where: { projectId: project.id } });
    expect(item).toMatchObject({ judgmentCount: 4, extraJudgments: 2, isComplete: true });
    const views = await compareWorkerViews({ projectIds: [project.id], workerIds: workers.map((worker) => worker.id) });
    expect(views.kept).toEqual(views.counted);
  });

  it("closes an item at k when its judgments agree", async () => {
    const project = await createTestProject({ judgmentsPerItem: 2, overlapMax: 5, overlapDisagreement: 0.3 });
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    const workers = await createTestUsers(3);
    const claimed = await judgeInTurn(project.slug, workers, [false, false, true]);
    expect(claimed[2]).toBeNull();
    const [item] = await db().item.findMany({ where: { projectId: project.id } });
    expect(item).toMatchObject({ judgmentCount: 2, extraJudgments: 0, isComplete: true });
  });

  it("stops once the share off the most common answer is at most the setting", async () => {
    const project = await createTestProject({ judgmentsPerItem: 3, overlapMax: 6, overlapDisagreement: 0.34 });
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    const workers = await createTestUsers(4);
    // 2 of 3 agree: 0.33 off the most common answer is not more than 0.34.
    const claimed = await judgeInTurn(project.slug, workers, [true, true, false, true]);
    expect(claimed[3]).toBeNull();
    const [item] = await db().item.findMany({ where: { projectId: project.id } });
    expect(item).toMatchObject({ judgmentCount: 3, extraJudgments: 0, isComplete: true });
  });

  it("is off without a maximum", async () => {
    const project = await createTestProject({ judgmentsPerItem: 2 });
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    const workers = await createTestUsers(3);
    const claimed = await judgeInTurn(project.slug, workers, [true, false, true]);
    expect(claimed[2]).toBeNull();
    const [item] = await db().item.findMany({ where: { projectId: project.id } });
    expect(item).toMatchObject({ judgmentCount: 2, extraJudgments: 0, isComplete: true });
  });
});
