import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { findProjectsForWorker } from "@/lib/data/worker-projects";
import { closeStudy, createStudy, findStudies, updateStudyPlaces } from "@/lib/data/studies";
import { findStudyPreview } from "@/lib/data/studies-entry";
import { findStudySessions } from "@/lib/data/study-sessions";
import { claimStudyTask, findStudyProgress } from "@/lib/data/studies-progress";
import { db } from "@/lib/db/prisma";
import { createDialogueProjectRecord, createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { actorOf, enter, judgeOne, pid, studyOf } from "@/lib/testing/study-fixture";

describe("createStudy and closeStudy", () => {
  it("stores the study and its code, records study.create and study.close, and lists its sessions", async () => {
    const { admin, study } = await studyOf();
    expect(study).toMatchObject({
      platform: "PROLIFIC",
      name: "Pilot",
      requiredJudgments: 2,
      completionCode: "C0DE1234",
      maxParticipants: 100,
      closedAt: null,
    });
    await enter(study.id);
    const closed = await closeStudy({ actor: admin, studyId: study.id });
    expect(closed.closedAt).toBeInstanceOf(Date);
    const events = await db().auditEvent.findMany({ where: { targetId: study.id }, orderBy: { seq: "asc" } });
    expect(events.map((e) => [e.action, e.actorId])).toEqual([
      ["study.create", admin.id],
      ["study.close", admin.id],
    ]);
    expect(events[1].after).toMatchObject({ endedSessions: 1, revokedLeases: 0 });
    expect((await findStudies()).find((s) => s.id === study.id)).toMatchObject({ participants: 1, sessionsStarted: 1, sessionsCompleted: 0 });
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

  it("refuses a live-conversation project, whose conversations are not kept apart per study session", async () => {
    const admin = await createTestUser("ADMIN");
    const project = await createDialogueProjectRecord(db(), { endpointIds: [] });
    await expect(createStudy({ actor: admin, input: { projectId: project.id, platform: "MTURK", name: "x", requiredJudgments: 1 } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [expect.objectContaining({ field: "projectId" })],
    });
  });

  it("changes the places of a study, recorded as study.update", async () => {
    const { admin, study } = await studyOf({ maxParticipants: 30 });
    expect((await updateStudyPlaces({ actor: admin, input: { studyId: study.id, maxParticipants: "45" } })).maxParticipants).toBe(45);
    const event = await db().auditEvent.findFirstOrThrow({ where: { targetId: study.id, action: "study.update" } });
    expect([event.before, event.after]).toEqual([expect.objectContaining({ maxParticipants: 30 }), expect.objectContaining({ maxParticipants: 45 })]);
    await expect(updateStudyPlaces({ actor: admin, input: { studyId: study.id, maxParticipants: 0 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });
});

describe("enterStudy", () => {
  it("ties the platform id to a new worker account without a password or email of its own, and records the session", async () => {
    const { study } = await studyOf();
    const participant = pid();
    const session = pid();
    const { userId, studySessionId } = await enter(study.id, { participantId: participant, externalSessionId: session, clientKey: "client-a" });
    const user = await db().user.findUniqueOrThrow({ where: { id: userId }, include: { accounts: true, studySessions: true } });
    expect(user).toMatchObject({ role: "WORKER", passwordHash: null, platform: "PROLIFIC", email: `prolific-${participant}@participants.invalid` });
    expect(user.accounts.map((a) => [a.provider, a.providerAccountId])).toEqual([["prolific", participant]]);
    expect(user.studySessions).toEqual([
      expect.objectContaining({ id: studySessionId, studyId: study.id, externalSessionId: session, clientKey: "client-a", completedAt: null, endedAt: null }),
    ]);
    expect(await actorOf({ userId, studySessionId })).toMatchObject({ id: userId, studySessionId });
  });

  it("brings a returning worker to the same account, in a new study session that their earlier judgments do not count for", async () => {
    const { study } = await studyOf({ requiredJudgments: 2 });
    const participant = pid();
    const first = await enter(study.id, { participantId: participant, externalSessionId: "session-one" });
    await judgeOne(await actorOf(first), study.id);
    await judgeOne(await actorOf(first), study.id);
    expect((await findStudyProgress({ actor: await actorOf(first), studyId: study.id })).completion).not.toBeNull();

    const again = await enter(study.id, { participantId: participant, externalSessionId: "session-two" });
    expect(again.userId).toBe(first.userId);
    expect(again.studySessionId).not.toBe(first.studySessionId);
    expect(await findStudyProgress({ actor: await actorOf(again), studyId: study.id })).toMatchObject({ stored: 0, completion: null, hasWork: true });
    // Its own work completes it, on items the account has not judged before.
    const answered = [await judgeOne(await actorOf(again), study.id), await judgeOne(await actorOf(again), study.id)];
    expect(await findStudyProgress({ actor: await actorOf(again), studyId: study.id })).toMatchObject({ stored: 2, completion: { code: "C0DE1234" } });
    const items = await db().assignment.findMany({ where: { workerId: first.userId, status: "SUBMITTED" }, select: { id: true, itemId: true } });
    expect(new Set(items.map((a) => a.itemId)).size).toBe(4);
    expect(answered.every((id) => items.some((a) => a.id === id))).toBe(true);
    expect(await db().account.count({ where: { provider: "prolific", providerAccountId: participant } })).toBe(1);
  });

  it("keeps a browser that opens the same link again in its study session", async () => {
    const { study } = await studyOf();
    const participant = pid();
    const first = await enter(study.id, { participantId: participant, externalSessionId: "visit" });
    const reload = await enter(study.id, { participantId: participant, externalSessionId: "visit", currentStudySessionId: first.studySessionId });
    expect(reload).toEqual(first);
    expect(await db().studySession.count({ where: { studyId: study.id } })).toBe(1);
  });

  it("makes one account when the same worker arrives twice at once", async () => {
    const { study } = await studyOf();
    const participant = pid();
    const results = await Promise.all([1, 2, 3].map((n) => enter(study.id, { participantId: participant, externalSessionId: `s${n}` })));
    expect(new Set(results.map((r) => r.userId)).size).toBe(1);
    expect(await db().account.count({ where: { providerAccountId: participant } })).toBe(1);
  });

  it("keeps Prolific and MTurk ids apart, and MTurk's HIT and submit address", async () => {
    const { study } = await studyOf({ platform: "MTURK" });
    const workerId = `A${pid().toUpperCase()}`;
    const { userId } = await enter(study.id, {
      platform: "MTURK",
      participantId: workerId,
      externalSessionId: "ASSIGN1",
      hitId: "HIT1",
      submitTo: "https://workersandbox.mturk.com",
    });
    const user = await db().user.findUniqueOrThrow({ where: { id: userId }, include: { accounts: true, studySessions: true } });
    expect(user.platform).toBe("MTURK");
    expect(user.accounts.map((a) => a.provider)).toEqual(["mturk"]);
    expect(user.studySessions[0]).toMatchObject({ externalSessionId: "ASSIGN1", hitId: "HIT1", submitTo: "https://workersandbox.mturk.com" });
  });

  it("refuses a blocked worker, a closed study, a study of the other platform and an unknown one", async () => {
    const { admin, study } = await studyOf();
    const participant = pid();
    const { userId } = await enter(study.id, { participantId: participant });
    await db().user.update({ where: { id: userId }, data: { blockedAt: new Date() } });
    const sessionsBefore = await db().studySession.count({ where: { studyId: study.id } });
    await expect(enter(study.id, { participantId: participant })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db().studySession.count({ where: { studyId: study.id } })).toBe(sessionsBefore);

    await expect(enter(study.id, { platform: "MTURK" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(enter(randomUUID())).rejects.toMatchObject({ code: "NOT_FOUND" });

    await closeStudy({ actor: admin, studyId: study.id });
    const newcomer = pid();
    await expect(enter(study.id, { participantId: newcomer })).rejects.toMatchObject({ code: "STUDY_CLOSED" });
    expect(await db().account.count({ where: { providerAccountId: newcomer } })).toBe(0);
  });

  it("refuses a session id that another participant already used", async () => {
    const { study } = await studyOf();
    await enter(study.id, { externalSessionId: "shared" });
    await expect(enter(study.id, { externalSessionId: "shared" })).rejects.toMatchObject({ code: "CONFLICT" });
  });
});

describe("findStudyProgress", () => {
  it("gives the Prolific code only once the required judgments are stored, and marks the session complete", async () => {
    const { study } = await studyOf({ requiredJudgments: 2 });
    const entry = await enter(study.id, { externalSessionId: "visit" });
    const actor = await actorOf(entry);
    expect(await findStudyProgress({ actor, studyId: study.id })).toMatchObject({ stored: 0, completion: null, hasWork: true });

    await judgeOne(actor, study.id);
    // A live lease is not a stored judgment.
    await claimStudyTask({ actor, studyId: study.id });
    const halfway = await findStudyProgress({ actor, studyId: study.id });
    expect(halfway).toMatchObject({ stored: 1, completion: null });
    expect(JSON.stringify(halfway)).not.toContain("C0DE1234");
    expect((await db().studySession.findFirstOrThrow({ where: { studyId: study.id } })).completedAt).toBeNull();

    await judgeOne(actor, study.id);
    expect(await findStudyProgress({ actor, studyId: study.id })).toMatchObject({
      stored: 2,
      completion: { platform: "PROLIFIC", code: "C0DE1234", url: "https://app.prolific.com/submissions/complete?cc=C0DE1234" },
    });
    expect((await db().studySession.findFirstOrThrow({ where: { studyId: study.id } })).completedAt).toBeInstanceOf(Date);
    expect(await claimStudyTask({ actor, studyId: study.id })).toBeNull();
  });

  it("gives MTurk's post-back for the session's assignment once complete", async () => {
    const { study } = await studyOf({ platform: "MTURK", requiredJudgments: 1 });
    const entry = await enter(study.id, {
      platform: "MTURK",
      participantId: `A${pid().toUpperCase()}`,
      externalSessionId: "ASSIGN9",
      hitId: "HIT9",
      submitTo: "https://www.mturk.com",
    });
    const actor = await actorOf(entry);
    expect((await findStudyProgress({ actor, studyId: study.id })).completion).toBeNull();
    await judgeOne(actor, study.id);
    expect((await findStudyProgress({ actor, studyId: study.id })).completion).toEqual({
      platform: "MTURK",
      submitUrl: "https://www.mturk.com/mturk/externalSubmit",
      assignmentId: "ASSIGN9",
      judgments: 1,
    });
  });

  it("asks a second MTurk HIT for work of its own before its post-back", async () => {
    const { study } = await studyOf({ platform: "MTURK", requiredJudgments: 1 });
    const hit = { platform: "MTURK" as const, participantId: `A${pid().toUpperCase()}`, hitId: "HIT1", submitTo: "https://www.mturk.com" };
    const first = await enter(study.id, { ...hit, externalSessionId: "ASSIGN-A" });
    await judgeOne(await actorOf(first), study.id);
    const second = await enter(study.id, { ...hit, hitId: "HIT2", externalSessionId: "ASSIGN-B", currentStudySessionId: first.studySessionId });
    expect(second.studySessionId).not.toBe(first.studySessionId);
    const actor = await actorOf(second);
    expect(await findStudyProgress({ actor, studyId: study.id })).toMatchObject({ stored: 0, completion: null });
    await judgeOne(actor, study.id);
    expect((await findStudyProgress({ actor, studyId: study.id })).completion).toMatchObject({ assignmentId: "ASSIGN-B", judgments: 1 });
  });

  it("asks a second study on the same project for work of its own before its code", async () => {
    const { project, study } = await studyOf({ requiredJudgments: 1 });
    const { study: second } = await studyOf({ projectId: project.id, requiredJudgments: 1 });
    const participant = pid();
    const first = await enter(study.id, { participantId: participant });
    await judgeOne(await actorOf(first), study.id);
    expect((await findStudyProgress({ actor: await actorOf(first), studyId: study.id })).completion).not.toBeNull();

    const other = await enter(second.id, { participantId: participant });
    expect(other.userId).toBe(first.userId);
    const actor = await actorOf(other);
    expect(await findStudyProgress({ actor, studyId: second.id })).toMatchObject({ stored: 0, completion: null });
    // Signed in for the second study, the first one's page is not theirs to load.
    await expect(findStudyProgress({ actor, studyId: study.id })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await judgeOne(actor, second.id);
    expect((await findStudyProgress({ actor, studyId: second.id })).completion).toMatchObject({ code: "C0DE1234" });
  });

  it("says when no task is left before the requirement, and gives no code", async () => {
    const { project, study } = await studyOf({ requiredJudgments: 3, items: 2 });
    const entry = await enter(study.id);
    const actor = await actorOf(entry);
    await judgeOne(actor, study.id);
    await judgeOne(actor, study.id);
    expect(await findStudyProgress({ actor, studyId: study.id })).toMatchObject({ stored: 2, hasWork: false, completion: null });
    expect(await claimStudyTask({ actor, studyId: study.id })).toBeNull();
    expect(await db().judgment.count({ where: { projectId: project.id, workerId: entry.userId } })).toBe(2);
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

describe("findStudySessions", () => {
  it("lists each session with its platform ids and the judgments made in it, and finds one by id", async () => {
    const { study } = await studyOf({ requiredJudgments: 1 });
    const participantId = pid();
    const first = await enter(study.id, { participantId, externalSessionId: "first-visit" });
    await judgeOne(await actorOf(first), study.id);
    await findStudyProgress({ actor: await actorOf(first), studyId: study.id });
    await enter(study.id, { participantId, externalSessionId: "second-visit" });
    const { sessions } = await findStudySessions({ studyId: study.id });
    expect(sessions.map((s) => [s.participantId, s.externalSessionId, s.judgments, s.completedAt !== null])).toEqual([
      [participantId, "second-visit", 0, false],
      [participantId, "first-visit", 1, true],
    ]);
    expect((await findStudySessions({ studyId: study.id, search: "first-visit" })).sessions).toHaveLength(1);
    expect((await findStudySessions({ studyId: study.id, search: participantId })).sessions).toHaveLength(2);
    await expect(findStudySessions({ studyId: randomUUID() })).rejects.toMatchObject({ code: "NOT_FOUND" });
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
    const participant = await actorOf(await enter(study.id));

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
