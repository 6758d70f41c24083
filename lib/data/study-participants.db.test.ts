// What a platform id is worth to someone who is not its participant: ids are not secret, so the
// rules here keep them from reaching the participant's work, making accounts without end, or
// outliving a closed study.
import { describe, expect, it } from "vitest";
import { claimNextTask, findTaskForWorker } from "@/lib/data/assignments";
import { createApiToken, findActorByTokenSecret } from "@/lib/data/api-tokens";
import { submitJudgment } from "@/lib/data/judgments";
import { extendLease, saveDraft, skipTask } from "@/lib/data/leases";
import { findProjectsForWorker } from "@/lib/data/worker-projects";
import { closeStudy } from "@/lib/data/studies";
import { claimStudyTask, findStudyProgress } from "@/lib/data/studies-progress";
import { createUser, findActiveUserById } from "@/lib/data/users";
import { findWorkerHistory } from "@/lib/data/worker-history";
import { generateTokenSecret, hashTokenSecret } from "@/lib/auth/token-secret";
import { db } from "@/lib/db/prisma";
import { actorOf, enter, judgeOne, pid, studyOf } from "@/lib/testing/study-fixture";

const DRAFT = { strength: -3, rationale: "A is kinder", flags: {} };

describe("someone who types another participant's platform id", () => {
  it("gets a study session of their own: not the first participant's task, draft, history or progress", async () => {
    const { study } = await studyOf({ requiredJudgments: 2 });
    const participantId = pid();
    const first = await enter(study.id, { participantId, externalSessionId: "theirs" });
    const participant = await actorOf(first);
    await judgeOne(participant, study.id);
    const open = (await claimStudyTask({ actor: participant, studyId: study.id }))!;
    await saveDraft({ actor: participant, assignmentId: open, draft: DRAFT });

    const other = await enter(study.id, { participantId, externalSessionId: pid() });
    expect(other.userId).toBe(first.userId);
    const intruder = await actorOf(other);
    await expect(findTaskForWorker({ actor: intruder, assignmentId: open })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(saveDraft({ actor: intruder, assignmentId: open, draft: { strength: 4, flags: {} } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(submitJudgment({ actor: intruder, assignmentId: open, input: { strength: 4, idempotencyKey: "intruder-1" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(skipTask({ actor: intruder, assignmentId: open, input: { reason: "no" } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(extendLease({ actor: intruder, assignmentId: open })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect((await findWorkerHistory({ actor: intruder, page: 1 })).entries).toEqual([]);
    expect((await findProjectsForWorker({ actor: intruder })).map((p) => p.doneTotal)).toEqual([0]);
    expect(await findStudyProgress({ actor: intruder, studyId: study.id })).toMatchObject({ stored: 0, completion: null });
    // Their "next task" is another item, never the participant's open lease handed back.
    const theirs = await claimStudyTask({ actor: intruder, studyId: study.id });
    expect(theirs).toEqual(expect.any(String));
    expect(theirs).not.toBe(open);

    // The participant is not signed out, and finds their task and draft as they left them.
    const again = await actorOf(first);
    expect((await findTaskForWorker({ actor: again, assignmentId: open })).draft?.value).toEqual(DRAFT);
    expect((await findWorkerHistory({ actor: again, page: 1 })).entries).toHaveLength(1);
    expect((await findProjectsForWorker({ actor: again })).map((p) => p.doneTotal)).toEqual([1]);
    expect(await claimStudyTask({ actor: again, studyId: study.id })).toBe(open);
  });

  it("gets a session of their own even with the participant's session id, from another browser", async () => {
    const { study } = await studyOf();
    const ids = { participantId: pid(), externalSessionId: pid() };
    const first = await enter(study.id, ids);
    const open = (await claimStudyTask({ actor: await actorOf(first), studyId: study.id }))!;
    const other = await enter(study.id, ids);
    expect(other.studySessionId).not.toBe(first.studySessionId);
    await expect(findTaskForWorker({ actor: await actorOf(other), assignmentId: open })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await actorOf(first)).toMatchObject({ studySessionId: first.studySessionId });
  });

  it("cannot use a platform account without an open study session of its own", async () => {
    const { study } = await studyOf();
    const entry = await enter(study.id);
    const someoneElse = await enter(study.id);
    expect(await findActiveUserById(entry.userId)).toBeNull();
    expect(await findActiveUserById(entry.userId, someoneElse.studySessionId)).toBeNull();
    const project = await db().project.findUniqueOrThrow({ where: { id: study.project.id } });
    const withoutSession = { ...(await actorOf(entry)), studySessionId: null };
    await expect(claimNextTask({ actor: withoutSession, projectSlug: project.slug })).rejects.toMatchObject({ code: "FORBIDDEN" });
  });
});

describe("the caps on platform accounts", () => {
  it("lets in as many participants as the study has places; those already in may come back", async () => {
    const { study } = await studyOf({ maxParticipants: 2 });
    const [a] = [await enter(study.id), await enter(study.id)];
    await expect(enter(study.id)).rejects.toMatchObject({ code: "STUDY_FULL" });
    const accountsBefore = await db().account.count();
    await expect(enter(study.id)).rejects.toMatchObject({ code: "STUDY_FULL" });
    expect(await db().account.count()).toBe(accountsBefore);
    const participantId = (await db().account.findFirstOrThrow({ where: { userId: a.userId } })).providerAccountId;
    expect((await enter(study.id, { participantId })).userId).toBe(a.userId);
    expect(await db().studySession.count({ where: { studyId: study.id } })).toBe(3);
  });

  it("lets one client make a few new accounts an hour, counting the accounts its entries made", async () => {
    const { study } = await studyOf();
    const clientKey = `client-${pid()}`;
    const made = [];
    for (let n = 0; n < 5; n++) made.push(await enter(study.id, { clientKey }));
    await expect(enter(study.id, { clientKey })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    // A participant already known comes back from that client; another client is not affected.
    const known = (await db().account.findFirstOrThrow({ where: { userId: made[0].userId } })).providerAccountId;
    expect((await enter(study.id, { clientKey, participantId: known })).userId).toBe(made[0].userId);
    await expect(enter(study.id, { clientKey: `client-${pid()}` })).resolves.toMatchObject({ userId: expect.any(String) });
    // An hour later the client may make accounts again.
    await db().$executeRaw`UPDATE study_sessions SET started_at = started_at - interval '61 minutes' WHERE client_key = ${clientKey}`;
    await db()
      .$executeRaw`UPDATE users SET created_at = created_at - interval '61 minutes' WHERE id IN (SELECT user_id FROM study_sessions WHERE client_key = ${clientKey})`;
    await expect(enter(study.id, { clientKey })).resolves.toMatchObject({ userId: expect.any(String) });
  });

  it("counts new accounts from one client exactly when they arrive at once", async () => {
    const { study } = await studyOf();
    const clientKey = `client-${pid()}`;
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => enter(study.id, { clientKey })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason.code)).toEqual(Array(3).fill("RATE_LIMITED"));
  });
});

describe("a closed study", () => {
  it("signs its participants out, revokes their leases and takes no more answers or entries", async () => {
    const { admin, project, study } = await studyOf({ requiredJudgments: 3 });
    const entry = await enter(study.id);
    const participant = await actorOf(entry);
    await judgeOne(participant, study.id);
    const open = (await claimStudyTask({ actor: participant, studyId: study.id }))!;

    await closeStudy({ actor: admin, studyId: study.id });
    expect(await findActiveUserById(entry.userId, entry.studySessionId)).toBeNull();
    expect((await db().assignment.findUniqueOrThrow({ where: { id: open } })).status).toBe("REVOKED");
    expect((await db().studySession.findUniqueOrThrow({ where: { id: entry.studySessionId } })).endedAt).toBeInstanceOf(Date);
    // Even a request that was already past the session check gets nothing more done.
    await expect(submitJudgment({ actor: participant, assignmentId: open, input: { strength: 1, idempotencyKey: "late-answer" } })).rejects.toMatchObject({
      code: "GONE",
    });
    await expect(claimNextTask({ actor: participant, projectSlug: project.slug })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(
      enter(study.id, { participantId: (await db().account.findFirstOrThrow({ where: { userId: entry.userId } })).providerAccountId }),
    ).rejects.toMatchObject({
      code: "STUDY_CLOSED",
    });
    expect(await db().judgment.count({ where: { workerId: entry.userId } })).toBe(1);
  });

  it("ends the sessions that claims in flight were using, and the leases they made", async () => {
    const { admin, study } = await studyOf({ requiredJudgments: 3, items: 40 });
    const participants = await Promise.all(Array.from({ length: 6 }, async () => actorOf(await enter(study.id))));
    const claims = participants.map((actor) => claimStudyTask({ actor, studyId: study.id }).catch((error: { code?: string }) => error.code));
    await closeStudy({ actor: admin, studyId: study.id });
    await Promise.all(claims);
    const sessions = participants.map((p) => p.studySessionId!);
    expect(await db().assignment.count({ where: { studySessionId: { in: sessions }, status: "ACTIVE" } })).toBe(0);
    expect(await db().studySession.count({ where: { id: { in: sessions }, endedAt: null } })).toBe(0);
  });
});

describe("platform accounts and other accounts", () => {
  it("never own an API token, and a token made for one anyway is refused", async () => {
    const { study } = await studyOf();
    const entry = await enter(study.id);
    await expect(createApiToken({ actor: await actorOf(entry), input: { name: "script", scopes: ["tasks"] } })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    expect(await db().apiToken.count({ where: { userId: entry.userId } })).toBe(0);
    const secret = generateTokenSecret();
    await db().apiToken.create({
      data: { userId: entry.userId, name: "planted", scopes: ["tasks"], tokenHash: hashTokenSecret(secret), prefix: secret.slice(0, 10) },
    });
    expect(await findActorByTokenSecret(secret)).toBeNull();
  });

  it("are never matched to an existing user by email, and people cannot take participants' addresses", async () => {
    const { study } = await studyOf();
    const participantId = pid();
    const address = `prolific-${participantId}@participants.invalid`;
    // A user holding the address already, made before the domain was reserved.
    const existing = await db().user.create({ data: { email: address, role: "ADMIN" } });
    const entry = await enter(study.id, { participantId });
    expect(entry.userId).not.toBe(existing.id);
    const made = await db().user.findUniqueOrThrow({ where: { id: entry.userId } });
    expect(made).toMatchObject({ role: "WORKER", platform: "PROLIFIC" });
    expect(made.email).toMatch(new RegExp(`^prolific-${participantId}\\+[0-9a-f]{12}@participants\\.invalid$`));
    expect(await db().account.count({ where: { userId: existing.id } })).toBe(0);
    expect(await db().user.findUniqueOrThrow({ where: { id: existing.id } })).toMatchObject({ role: "ADMIN", platform: null });

    await expect(createUser({ email: `prolific-${pid()}@participants.invalid`, role: "WORKER" })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [expect.objectContaining({ field: "email" })],
    });
  });
});
