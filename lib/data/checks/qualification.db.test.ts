import { describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { skipTask } from "@/lib/data/leases";
import { submitJudgment } from "@/lib/data/judgments";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { answerCheck, leasedItem } from "@/lib/testing/check-answers";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

async function practiceProject(passMark: number) {
  const project = await createTestProject({ qualificationPassMark: passMark });
  const tasks = await createItemsRecord(db(), { projectId: project.id, count: 5 });
  const practice = await createItemsRecord(db(), { projectId: project.id, count: 3, role: "PRACTICE" });
  await db().item.updateMany({ where: { batchId: practice.id, position: 1 }, data: { referenceNote: "The first answer says what it does not know." } });
  return { project, tasks, practice };
}

describe("qualification", () => {
  it("gives the practice set first, with feedback after each answer, then real tasks to a worker who passes", async () => {
    const { project, practice } = await practiceProject(0.6);
    const worker = await createTestUser();
    const feedback = [];
    for (const right of [true, false, true]) {
      const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
      const { item, best } = await leasedItem(assignmentId);
      expect(item).toMatchObject({ batchId: practice.id, role: "PRACTICE" });
      const submitted = await answerCheck(worker, assignmentId, right);
      expect(submitted.practice?.reference[0]).toEqual([best]);
      feedback.push(submitted.practice);
    }
    expect(feedback.map((each) => each!.correct)).toEqual([true, false, true]);
    expect(feedback[0]).toMatchObject({
      note: "The first answer says what it does not know.",
      answered: 1,
      correctSoFar: 1,
      total: 3,
      passMark: 0.6,
      outcome: "PRACTISING",
    });
    expect(feedback[1]).toMatchObject({ note: null, answered: 2, correctSoFar: 1, outcome: "PRACTISING" });
    expect(feedback[2]).toMatchObject({ answered: 3, correctSoFar: 2, outcome: "QUALIFIED" });
    const standing = await db().workerStanding.findUniqueOrThrow({ where: { workerId_projectId: { workerId: worker.id, projectId: project.id } } });
    expect(standing).toMatchObject({ practiceAnswers: 3, practiceCorrect: 2, failedAt: null, goldAnswers: 0 });
    expect(standing.qualifiedAt).not.toBeNull();
    const next = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
    expect((await leasedItem(next)).role).toBe("TASK");
  });

  it("refuses real tasks to a worker below the pass mark, with their score", async () => {
    const { project } = await practiceProject(0.6);
    const worker = await createTestUser();
    for (const right of [true, false, false]) {
      await answerCheck(worker, (await claimNextTask({ actor: worker, projectSlug: project.slug }))!, right);
    }
    await expect(claimNextTask({ actor: worker, projectSlug: project.slug })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "You did not reach the pass mark of this project's practice set (1 of 3 right, 60% needed); an admin can let you try again",
    });
    expect(await db().judgment.count({ where: { workerId: worker.id, item: { role: "TASK" } } })).toBe(0);
  });

  it("brings a skipped practice item back last, since the whole set is answered to qualify", async () => {
    const { project } = await practiceProject(0.5);
    const worker = await createTestUser();
    const first = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
    const skipped = (await leasedItem(first)).item.id;
    await skipTask({ actor: worker, assignmentId: first, input: { reason: "unclear" } });
    const order: string[] = [];
    for (let answer = 0; answer < 3; answer++) {
      const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
      order.push((await leasedItem(assignmentId)).item.id);
      await answerCheck(worker, assignmentId, true);
    }
    expect(order[2]).toBe(skipped);
    expect(new Set(order).size).toBe(3);
  });

  it("gives the same feedback again to a retried submit", async () => {
    const { project } = await practiceProject(0.6);
    const worker = await createTestUser();
    const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
    const first = await answerCheck(worker, assignmentId, false);
    const again = await answerCheck(worker, assignmentId, false);
    expect(again.replayed).toBe(true);
    expect(again.practice).toEqual(first.practice);
  });

  it("tells a worker why nothing comes while the practice set is not open", async () => {
    const project = await createTestProject({ qualificationPassMark: 0.8 });
    await createItemsRecord(db(), { projectId: project.id, count: 3 });
    await createItemsRecord(db(), { projectId: project.id, count: 2, role: "PRACTICE", status: "PAUSED" });
    const worker = await createTestUser();
    await expect(claimNextTask({ actor: worker, projectSlug: project.slug })).rejects.toMatchObject({
      code: "CONFLICT",
      message: "This project asks for a practice set first, and none is open yet; try again later",
    });
    expect(await db().assignment.count({ where: { workerId: worker.id } })).toBe(0);
  });

  it("gives no practice set without a pass mark, and a plain task leaves no standing", async () => {
    const project = await createTestProject();
    await createItemsRecord(db(), { projectId: project.id, count: 2 });
    await createItemsRecord(db(), { projectId: project.id, count: 2, role: "PRACTICE" });
    const worker = await createTestUser();
    const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
    expect((await leasedItem(assignmentId)).role).toBe("TASK");
    await submitJudgment({ actor: worker, assignmentId, input: { strength: 2, idempotencyKey: "plain-answer" } });
    expect(await db().workerStanding.count({ where: { workerId: worker.id } })).toBe(0);
  });
});
