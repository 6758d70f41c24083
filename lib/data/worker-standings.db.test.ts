import { describe, expect, it } from "vitest";
import { allowQualificationRetry, findOwnStandings, findProjectStandings, resumeWorker } from "@/lib/data/worker-standings";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

const PAUSED_AT = new Date("2026-12-01T10:00:00.000Z");

/** A worker's answer to an item, stored as the submit stores it: an assignment and its judgment. */
async function answer(item: { id: string; projectId: string }, workerId: string) {
  const candidates = await db().candidate.findMany({ where: { itemId: item.id }, orderBy: { position: "asc" } });
  const assignment = await db().assignment.create({
    data: {
      projectId: item.projectId,
      itemId: item.id,
      workerId,
      displayOrder: candidates.map((c) => c.id),
      status: "SUBMITTED",
      leaseExpiresAt: new Date(Date.now() + 60_000),
      submittedAt: new Date(),
    },
  });
  await db().judgment.create({
    data: {
      assignmentId: assignment.id,
      projectId: item.projectId,
      itemId: item.id,
      workerId,
      ranking: candidates.map((c) => [c.id]),
      strength: -2,
      timeSpentMs: 5000,
      idempotencyKey: `k-${assignment.id}`,
    },
  });
  await db().item.update({ where: { id: item.id }, data: { judgmentCount: { increment: 1 } } });
}

async function pausedWorker() {
  const project = await createTestProject({ goldRate: 0.2 });
  const worker = await createTestUser();
  await db().workerStanding.create({
    data: { workerId: worker.id, projectId: project.id, goldAnswers: 10, goldCorrect: 4, pausedAt: PAUSED_AT, pauseReason: "gold accuracy 40% (4 of 10)" },
  });
  return { project, worker };
}

async function failedWorker() {
  const project = await createTestProject({ qualificationPassMark: 0.8 });
  const worker = await createTestUser();
  const other = await createTestUser();
  await createItemsRecord(db(), { projectId: project.id, count: 2, role: "PRACTICE" });
  const tasks = await createItemsRecord(db(), { projectId: project.id, count: 1 });
  const practice = await db().item.findMany({ where: { projectId: project.id, role: "PRACTICE" } });
  for (const item of practice) {
    await answer(item, worker.id);
    await answer(item, other.id);
  }
  await answer(await db().item.findFirstOrThrow({ where: { batchId: tasks.id } }), worker.id);
  await db().workerStanding.create({ data: { workerId: worker.id, projectId: project.id, practiceAnswers: 2, practiceCorrect: 1, failedAt: PAUSED_AT } });
  return { project, worker, other, practice };
}

describe("resumeWorker", () => {
  it("clears the pause, starts a fresh gold window and records worker.resume", async () => {
    const { project, worker } = await pausedWorker();
    const admin = await createTestUser("ADMIN");
    await resumeWorker({ actor: admin, projectSlug: project.slug, workerId: worker.id });
    expect(await db().workerStanding.findUniqueOrThrow({ where: { workerId_projectId: { workerId: worker.id, projectId: project.id } } })).toMatchObject({
      pausedAt: null,
      pauseReason: null,
      goldAnswers: 0,
      goldCorrect: 0,
    });
    const [event] = await db().auditEvent.findMany({ where: { targetId: worker.id, action: "worker.resume" } });
    expect(event).toMatchObject({
      actorId: admin.id,
      targetType: "user",
      before: expect.objectContaining({ project: project.slug, pauseReason: "gold accuracy 40% (4 of 10)", goldAnswers: 10, goldCorrect: 4 }),
      after: expect.objectContaining({ project: project.slug, pausedAt: null, goldAnswers: 0 }),
    });
  });

  it("refuses a worker who is not paused (409), an unknown project or worker (404), and anyone but an admin (403)", async () => {
    const { project, worker } = await pausedWorker();
    const admin = await createTestUser("ADMIN");
    for (const role of ["RESEARCHER", "WORKER"] as const) {
      await expect(resumeWorker({ actor: await createTestUser(role), projectSlug: project.slug, workerId: worker.id })).rejects.toMatchObject({
        code: "FORBIDDEN",
      });
    }
    await expect(resumeWorker({ actor: admin, projectSlug: "no-such-project", workerId: worker.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resumeWorker({ actor: admin, projectSlug: project.slug, workerId: "not-an-id" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(resumeWorker({ actor: admin, projectSlug: project.slug, workerId: admin.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/not paused/),
    });
    // Nothing changed by the refusals.
    expect((await db().workerStanding.findUniqueOrThrow({ where: { workerId_projectId: { workerId: worker.id, projectId: project.id } } })).pausedAt).toEqual(
      PAUSED_AT,
    );
    await resumeWorker({ actor: admin, projectSlug: project.slug, workerId: worker.id });
    await expect(resumeWorker({ actor: admin, projectSlug: project.slug, workerId: worker.id })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().auditEvent.count({ where: { targetId: worker.id, action: "worker.resume" } })).toBe(1);
  });
});

describe("allowQualificationRetry", () => {
  it("deletes only the worker's practice answers, zeroes the tallies and records worker.qualification-retry", async () => {
    const { project, worker, other, practice } = await failedWorker();
    const admin = await createTestUser("ADMIN");
    expect(await allowQualificationRetry({ actor: admin, projectSlug: project.slug, workerId: worker.id })).toEqual({ deletedJudgments: 2 });

    const remaining = await db().judgment.findMany({ where: { projectId: project.id }, include: { item: true } });
    expect(remaining.filter((j) => j.workerId === worker.id).map((j) => j.item.role)).toEqual(["TASK"]);
    expect(remaining.filter((j) => j.workerId === other.id)).toHaveLength(2);
    expect(await db().assignment.count({ where: { workerId: worker.id, item: { role: "PRACTICE" } } })).toBe(0);
    expect((await db().item.findMany({ where: { id: { in: practice.map((i) => i.id) } } })).map((i) => [i.judgmentCount, i.isComplete])).toEqual([
      [1, true],
      [1, true],
    ]);
    expect(await db().workerStanding.findUniqueOrThrow({ where: { workerId_projectId: { workerId: worker.id, projectId: project.id } } })).toMatchObject({
      practiceAnswers: 0,
      practiceCorrect: 0,
      failedAt: null,
      qualifiedAt: null,
    });
    const [event] = await db().auditEvent.findMany({ where: { targetId: worker.id, action: "worker.qualification-retry" } });
    expect(event).toMatchObject({
      actorId: admin.id,
      before: expect.objectContaining({ practiceCorrect: 1 }),
      after: expect.objectContaining({ deletedJudgments: 2 }),
    });
    // Practising again, from the first item.
    expect((await findProjectStandings({ projectId: project.id })).statusOf(worker.id)).toMatchObject({ kind: "PRACTISING", answered: 0, total: 2 });
  });

  it("refuses a worker who has not failed (409) and anyone but an admin (403), deleting nothing", async () => {
    const { project, worker } = await failedWorker();
    const admin = await createTestUser("ADMIN");
    await expect(allowQualificationRetry({ actor: await createTestUser("RESEARCHER"), projectSlug: project.slug, workerId: worker.id })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    const practising = await createTestUser();
    await db().workerStanding.create({ data: { workerId: practising.id, projectId: project.id, practiceAnswers: 1, practiceCorrect: 1 } });
    await expect(allowQualificationRetry({ actor: admin, projectSlug: project.slug, workerId: practising.id })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringMatching(/has not failed/),
    });
    expect(await db().judgment.count({ where: { workerId: worker.id } })).toBe(3);
    expect((await findProjectStandings({ projectId: project.id })).statusOf(worker.id)).toMatchObject({ kind: "FAILED", label: "Failed practice 1 of 2" });
  });
});

describe("findOwnStandings", () => {
  it("tells a worker they are paused without the reason, and where they practise or failed", async () => {
    const { project: pausedIn, worker } = await pausedWorker();
    const qualifying = await createTestProject({ qualificationPassMark: 0.75 });
    await createItemsRecord(db(), { projectId: qualifying.id, count: 4, role: "PRACTICE" });
    await db().workerStanding.create({ data: { workerId: worker.id, projectId: qualifying.id, practiceAnswers: 1, practiceCorrect: 1 } });
    const own = await findOwnStandings({ actor: worker });
    expect(own.get(pausedIn.slug)).toEqual({ state: "PAUSED" });
    expect(own.get(qualifying.slug)).toEqual({ state: "PRACTISING", answered: 1, total: 4, passMark: 0.75 });
    const { project: failedIn, worker: failed } = await failedWorker();
    expect((await findOwnStandings({ actor: failed })).get(failedIn.slug)).toEqual({ state: "FAILED", correct: 1, answered: 2, passMark: 0.8 });
  });
});
