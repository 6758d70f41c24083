import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { submitJudgment } from "@/lib/data/judgments";
import { findProjectsForWorker } from "@/lib/data/projects";
import { closeStudy, createStudy, findStudies } from "@/lib/data/studies";
import { enterStudy, findStudyPreview } from "@/lib/data/studies-entry";
import { claimStudyTask, findStudyProgress } from "@/lib/data/studies-progress";
import { findActiveUserById } from "@/lib/data/users";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

const pid = () => randomBytes(12).toString("hex");

async function studyOf({ platform = "PROLIFIC" as "PROLIFIC" | "MTURK", requiredJudgments = 2, items = 4 } = {}) {
  const admin = await createTestUser("ADMIN");
  const project = await createTestProject({ instructions: "Pick the **kinder** reply." });
  await createItemsRecord(db(), { projectId: project.id, count: items });
  const study = await createStudy({
    actor: admin,
    input: { projectId: project.id, platform, name: "Pilot", requiredJudgments, completionCode: platform === "PROLIFIC" ? "C0DE1234" : undefined },
  });
  return { admin, project, study };
}

async function actorOf(userId: string) {
  return (await findActiveUserById(userId))!;
}

/** Leases and answers the next task of the study, as the task page does. */
async function judgeOne(userId: string, studyId: string) {
  const actor = await actorOf(userId);
  const assignmentId = await claimStudyTask({ actor, studyId });
  if (!assignmentId) throw new Error("no task");
  await submitJudgment({ actor, assignmentId, input: { strength: 2, idempotencyKey: `study-${assignmentId}` } });
}

describe("createStudy and closeStudy", () => {
  it("stores the study and its code, records study.create and study.close, and lists its sessions", async () => {
    const { admin, study } = await studyOf();
    expect(study).toMatchObject({ platform: "PROLIFIC", name: "Pilot", requiredJudgments: 2, completionCode: "C0DE1234", closedAt: null });
    await enterStudy({ studyId: study.id, platform: "PROLIFIC", participantId: pid(), externalSessionId: pid() });
    const closed = await closeStudy({ actor: admin, studyId: study.id });
    expect(closed.closedAt).toBeInstanceOf(Date);
    const events = await db().auditEvent.findMany({ where: { targetId: study.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["study.create", admin.id],
      ["study.close", admin.id],
    ]);
    expect((await findStudies()).find((s) => s.id === study.id)).toMatchObject({ sessionsStarted: 1, sessionsCompleted: 0 });
  });

  it("requires a completion code for Prolific and drops one for MTurk", async () => {
    const admin = await createTestUser("ADMIN");
    const project = await createTestProject();
    await expect(
      createStudy({ actor: admin, input: { projectId: project.id, platform: "PROLIFIC", name: "x", requiredJudgments: 1, completionCode: "" } }),
    ).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [expect.objectContaining({ field: "completionCode" })],
    });
    const mturk = await createStudy({
      actor: admin,
      input: { projectId: project.id, platform: "MTURK", name: "x", requiredJudgments: 1, completionCode: "IGNORED1" },
    });
    expect(mturk.completionCode).toBeNull();
  });
});

describe("enterStudy", () => {
  it("ties the platform id to a new worker account without a password, and records the session", async () => {
    const { study } = await studyOf();
    const participant = pid();
    const session = pid();
    const { userId } = await enterStudy({ studyId: study.id, platform: "PROLIFIC", participantId: participant, externalSessionId: session });
    const user = await db().user.findUniqueOrThrow({ where: { id: userId }, include: { accounts: true, studySessions: true } });
    expect(user).toMatchObject({ role: "WORKER", passwordHash: null, email: `prolific-${participant}@participants.invalid` });
    expect(user.accounts.map((a) => [a.provider, a.providerAccountId])).toEqual([["prolific", participant]]);
    expect(user.studySessions).toEqual([
      expect.objectContaining({ studyId: study.id, externalSessionId: session, hitId: null, submitTo: null, completedAt: null }),
    ]);
  });

  it("brings a returning worker to the same account, counts their earlier judgments, and upserts sessions", async () => {
    const { study } = await studyOf({ requiredJudgments: 3 });
    const participant = pid();
    const first = await enterStudy({ studyId: study.id, platform: "PROLIFIC", participantId: participant, externalSessionId: "session-one" });
    await judgeOne(first.userId, study.id);
    await judgeOne(first.userId, study.id);
    const again = await enterStudy({ studyId: study.id, platform: "PROLIFIC", participantId: participant, externalSessionId: "session-two" });
    expect(again.userId).toBe(first.userId);
    // The same visit twice (a reload of the link) is one session.
    await enterStudy({ studyId: study.id, platform: "PROLIFIC", participantId: participant, externalSessionId: "session-two" });
    expect(await db().account.count({ where: { provider: "prolific", providerAccountId: participant } })).toBe(1);
    expect((await db().studySession.findMany({ where: { studyId: study.id }, orderBy: { startedAt: "asc" } })).map((s) => s.externalSessionId)).toEqual([
      "session-one",
      "session-two",
    ]);
    const progress = await findStudyProgress({ actor: await actorOf(first.userId), studyId: study.id });
    expect(progress).toMatchObject({ stored: 2, required: 3, completion: null });
  });

  it("makes one account when the same worker arrives twice at once", async () => {
    const { study } = await studyOf();
    const participant = pid();
    const results = await Promise.all(
      [1, 2, 3].map((n) => enterStudy({ studyId: study.id, platform: "PROLIFIC", participantId: participant, externalSessionId: `s${n}` })),
    );
    expect(new Set(results.map((r) => r.userId)).size).toBe(1);
    expect(await db().account.count({ where: { providerAccountId: participant } })).toBe(1);
  });

  it("keeps Prolific and MTurk ids apart, and MTurk's HIT and submit address", async () => {
    const { study } = await studyOf({ platform: "MTURK" });
    const workerId = `A${pid().toUpperCase()}`;
    const { userId } = await enterStudy({
      studyId: study.id,
      platform: "MTURK",
      participantId: workerId,
      externalSessionId: "ASSIGN1",
      hitId: "HIT1",
      submitTo: "https://workersandbox.mturk.com",
    });
    const user = await db().user.findUniqueOrThrow({ where: { id: userId }, include: { accounts: true, studySessions: true } });
    expect(user.accounts.map((a) => a.provider)).toEqual(["mturk"]);
    expect(user.studySessions[0]).toMatchObject({ externalSessionId: "ASSIGN1", hitId: "HIT1", submitTo: "https://workersandbox.mturk.com" });
  });

  it("refuses a blocked worker, a closed study, a study of the other platform and an unknown one", async () => {
    const { admin, study } = await studyOf();
    const participant = pid();
    const { userId } = await enterStudy({ studyId: study.id, platform: "PROLIFIC", participantId: participant, externalSessionId: pid() });
    await db().user.update({ where: { id: userId }, data: { blockedAt: new Date() } });
    const sessionsBefore = await db().studySession.count({ where: { studyId: study.id } });
    await expect(enterStudy({ studyId: study.id, platform: "PROLIFIC", participantId: participant, externalSessionId: pid() })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db().studySession.count({ where: { studyId: study.id } })).toBe(sessionsBefore);

    await expect(enterStudy({ studyId: study.id, platform: "MTURK", participantId: pid(), externalSessionId: pid() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(enterStudy({ studyId: randomUUID(), platform: "PROLIFIC", participantId: pid(), externalSessionId: pid() })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });

    await closeStudy({ actor: admin, studyId: study.id });
    const newcomer = pid();
    await expect(enterStudy({ studyId: study.id, platform: "PROLIFIC", participantId: newcomer, externalSessionId: pid() })).rejects.toMatchObject({
      code: "STUDY_CLOSED",
    });
    expect(await db().account.count({ where: { providerAccountId: newcomer } })).toBe(0);
  });

  it("refuses a session id that another participant already used", async () => {
    const { study } = await studyOf();
    await enterStudy({ studyId: study.id, platform: "PROLIFIC", participantId: pid(), externalSessionId: "shared" });
    await expect(enterStudy({ studyId: study.id, platform: "PROLIFIC", participantId: pid(), externalSessionId: "shared" })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });
});

describe("findStudyProgress", () => {
  it("gives the Prolific code only once the required judgments are stored, and marks the session complete", async () => {
    const { study } = await studyOf({ requiredJudgments: 2 });
    const { userId } = await enterStudy({ studyId: study.id, platform: "PROLIFIC", participantId: pid(), externalSessionId: "visit" });
    const actor = await actorOf(userId);
    expect(await findStudyProgress({ actor, studyId: study.id })).toMatchObject({ stored: 0, completion: null, hasWork: true });

    await judgeOne(userId, study.id);
    // A live lease is not a stored judgment.
    await claimStudyTask({ actor, studyId: study.id });
    const halfway = await findStudyProgress({ actor, studyId: study.id });
    expect(halfway).toMatchObject({ stored: 1, completion: null });
    expect(JSON.stringify(halfway)).not.toContain("C0DE1234");
    expect((await db().studySession.findFirstOrThrow({ where: { studyId: study.id } })).completedAt).toBeNull();

    await judgeOne(userId, study.id);
    expect(await findStudyProgress({ actor, studyId: study.id })).toMatchObject({
      stored: 2,
      completion: { platform: "PROLIFIC", code: "C0DE1234", url: "https://app.prolific.com/submissions/complete?cc=C0DE1234" },
    });
    expect((await db().studySession.findFirstOrThrow({ where: { studyId: study.id } })).completedAt).toBeInstanceOf(Date);
    expect(await claimStudyTask({ actor, studyId: study.id })).toBeNull();
  });

  it("gives MTurk's post-back for the latest assignment once complete", async () => {
    const { study } = await studyOf({ platform: "MTURK", requiredJudgments: 1 });
    const workerId = `A${pid().toUpperCase()}`;
    const { userId } = await enterStudy({
      studyId: study.id,
      platform: "MTURK",
      participantId: workerId,
      externalSessionId: "ASSIGN9",
      hitId: "HIT9",
      submitTo: "https://www.mturk.com",
    });
    const actor = await actorOf(userId);
    expect((await findStudyProgress({ actor, studyId: study.id })).completion).toBeNull();
    await judgeOne(userId, study.id);
    expect((await findStudyProgress({ actor, studyId: study.id })).completion).toEqual({
      platform: "MTURK",
      submitUrl: "https://www.mturk.com/mturk/externalSubmit",
      assignmentId: "ASSIGN9",
      judgments: 1,
    });
  });

  it("says when no task is left before the requirement, and gives no code", async () => {
    const { project, study } = await studyOf({ requiredJudgments: 3, items: 2 });
    const { userId } = await enterStudy({ studyId: study.id, platform: "PROLIFIC", participantId: pid(), externalSessionId: pid() });
    await judgeOne(userId, study.id);
    await judgeOne(userId, study.id);
    const actor = await actorOf(userId);
    expect(await findStudyProgress({ actor, studyId: study.id })).toMatchObject({ stored: 2, hasWork: false, completion: null });
    expect(await claimStudyTask({ actor, studyId: study.id })).toBeNull();
    expect(await db().judgment.count({ where: { projectId: project.id, workerId: userId } })).toBe(2);
  });

  it("shows nothing to a worker who did not enter the study from its link", async () => {
    const { study } = await studyOf();
    const outsider = await createTestUser();
    await expect(findStudyProgress({ actor: outsider, studyId: study.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(claimStudyTask({ actor: outsider, studyId: study.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(
      await claimNextTask({ actor: outsider, projectSlug: (await db().project.findUniqueOrThrow({ where: { id: study.project.id } })).slug }),
    ).not.toBeNull();
  });
});

describe("findStudyPreview", () => {
  it("shows an open MTurk study's instructions and refuses a closed one", async () => {
    const { admin, study } = await studyOf({ platform: "MTURK" });
    expect(await findStudyPreview({ studyId: study.id })).toMatchObject({ name: "Pilot", project: { instructions: "Pick the **kinder** reply." } });
    await closeStudy({ actor: admin, studyId: study.id });
    await expect(findStudyPreview({ studyId: study.id })).rejects.toMatchObject({ code: "STUDY_CLOSED" });
  });
});

describe("a participant from a crowd platform", () => {
  it("works only on the projects of their studies, and ordinary workers are not affected", async () => {
    const { project, study } = await studyOf();
    const elsewhere = await createTestProject();
    await createItemsRecord(db(), { projectId: elsewhere.id, count: 2 });
    const { userId } = await enterStudy({ studyId: study.id, platform: "PROLIFIC", participantId: pid(), externalSessionId: pid() });
    const participant = await actorOf(userId);

    await expect(claimNextTask({ actor: participant, projectSlug: elsewhere.slug })).rejects.toMatchObject({
      code: "FORBIDDEN",
      message: "This project is not open to you",
    });
    const listed = (await findProjectsForWorker({ actor: participant })).map((p) => p.slug);
    expect(listed).toContain(project.slug);
    expect(listed).not.toContain(elsewhere.slug);
    expect(await claimNextTask({ actor: participant, projectSlug: project.slug })).toEqual(expect.any(String));

    const worker = await createTestUser();
    expect(await claimNextTask({ actor: worker, projectSlug: elsewhere.slug })).toEqual(expect.any(String));
    expect(await db().assignment.count({ where: { workerId: participant.id, projectId: elsewhere.id } })).toBe(0);
  });
});
