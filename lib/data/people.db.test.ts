import { afterEach, describe, expect, it } from "vitest";
import { claimNextTask } from "@/lib/data/assignments";
import { streamExport } from "@/lib/data/exports";
import { submitJudgment } from "@/lib/data/judgments";
import { findPeople } from "@/lib/data/people";
import { blockUser, changeUserRole, unblockUser } from "@/lib/data/people-admin";
import { findActiveUserById, verifyCredentials, type Actor } from "@/lib/data/users";
import { findActorByTokenSecret, createApiToken } from "@/lib/data/api-tokens";
import { db } from "@/lib/db/prisma";
import { createItemsRecord } from "@/prisma/factories";
import { createTestProject, createTestUser } from "@/lib/testing/factories";

async function exportedJudgmentIds({
  actor,
  projectSlug,
  excludeBlockedAnnotators,
}: {
  actor: Actor;
  projectSlug: string;
  excludeBlockedAnnotators?: boolean;
}) {
  const stream = await streamExport({
    actor,
    input: { format: "judgments", projects: [projectSlug], ...(excludeBlockedAnnotators === undefined ? {} : { excludeBlockedAnnotators }) },
  });
  const chunks: Buffer[] = [];
  for await (const chunk of stream.body) chunks.push(chunk as Buffer);
  const manifest = await stream.finished;
  const ids = Buffer.concat(chunks)
    .toString("utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => (JSON.parse(line) as { judgment_id: string }).judgment_id);
  return { ids: ids.sort(), manifest };
}

async function statuses(workerId: string) {
  const rows = await db().assignment.findMany({ where: { workerId }, select: { id: true, status: true }, orderBy: { id: "asc" } });
  return Object.fromEntries(rows.map((row) => [row.id, row.status]));
}

describe("blockUser", () => {
  it("revokes exactly that worker's active leases, keeps their judgments, and the items go back to the pool", async () => {
    const admin = await createTestUser("ADMIN");
    const project = await createTestProject({ judgmentsPerItem: 1 });
    await createItemsRecord(db(), { projectId: project.id, count: 3 });
    const [blocked, other] = [await createTestUser(), await createTestUser()];
    const submitted = (await claimNextTask({ actor: blocked, projectSlug: project.slug }))!;
    const judgment = await submitJudgment({ actor: blocked, assignmentId: submitted, input: { strength: -2, idempotencyKey: `block-${submitted}` } });
    const open = (await claimNextTask({ actor: blocked, projectSlug: project.slug }))!;
    const othersLease = (await claimNextTask({ actor: other, projectSlug: project.slug }))!;
    const openItem = (await db().assignment.findUniqueOrThrow({ where: { id: open } })).itemId;

    const result = await blockUser({ actor: admin, input: { userId: blocked.id } });

    expect(result.revokedLeases).toBe(1);
    expect(await statuses(blocked.id)).toEqual(
      Object.fromEntries(
        [
          [submitted, "SUBMITTED"],
          [open, "REVOKED"],
        ].sort(([a], [b]) => a!.localeCompare(b!)),
      ),
    );
    expect(await statuses(other.id)).toEqual({ [othersLease]: "ACTIVE" });
    expect((await db().user.findUniqueOrThrow({ where: { id: blocked.id } })).blockedAt).toEqual(result.blockedAt);
    expect(await db().judgment.count({ where: { workerId: blocked.id } })).toBe(1);
    expect(await db().judgment.findUnique({ where: { id: judgment.judgmentId } })).not.toBeNull();

    // k = 1 and three items: the other worker, having one, is offered the item the blocked worker held.
    await submitJudgment({ actor: other, assignmentId: othersLease, input: { strength: 1, idempotencyKey: `other-${othersLease}` } });
    const next = (await claimNextTask({ actor: other, projectSlug: project.slug }))!;
    expect((await db().assignment.findUniqueOrThrow({ where: { id: next } })).itemId).toBe(openItem);
  });

  it("refuses a blocked worker's claim even when it is already past the session check", async () => {
    const admin = await createTestUser("ADMIN");
    const project = await createTestProject({ judgmentsPerItem: 1 });
    await createItemsRecord(db(), { projectId: project.id, count: 2 });
    const worker = await createTestUser();
    await blockUser({ actor: admin, input: { userId: worker.id } });
    // The actor object is what a request resolved before the block landed.
    await expect(claimNextTask({ actor: worker, projectSlug: project.slug })).rejects.toMatchObject({ code: "FORBIDDEN", message: "This account is blocked" });
    expect(await db().assignment.count({ where: { workerId: worker.id } })).toBe(0);
  });

  it("makes the user signed out: no session, no password sign-in, no API token, until unblocked", async () => {
    const admin = await createTestUser("ADMIN");
    const worker = await createTestUser();
    const { secret } = await createApiToken({ actor: worker, input: { name: "script", scopes: ["tasks"] } });
    await blockUser({ actor: admin, input: { userId: worker.id } });
    expect(await findActiveUserById(worker.id)).toBeNull();
    expect(await verifyCredentials({ credentials: { email: worker.email, password: "test-password" }, clientAddress: "people-test" })).toBeNull();
    expect(await findActorByTokenSecret(secret)).toBeNull();

    await unblockUser({ actor: admin, input: { userId: worker.id } });
    expect(await findActiveUserById(worker.id)).toMatchObject({ id: worker.id });
    expect(await verifyCredentials({ credentials: { email: worker.email, password: "test-password" }, clientAddress: "people-test" })).toMatchObject({
      id: worker.id,
    });
    expect(await findActorByTokenSecret(secret)).toMatchObject({ id: worker.id });
  });

  it("leaves a blocked worker's judgments out of exports by default and keeps them when asked", async () => {
    const [admin, researcher] = [await createTestUser("ADMIN"), await createTestUser("RESEARCHER")];
    const project = await createTestProject({ judgmentsPerItem: 2 });
    await createItemsRecord(db(), { projectId: project.id, count: 1 });
    const judge = async (worker: Actor) => {
      const assignmentId = (await claimNextTask({ actor: worker, projectSlug: project.slug }))!;
      return (await submitJudgment({ actor: worker, assignmentId, input: { strength: 2, idempotencyKey: `export-${assignmentId}` } })).judgmentId;
    };
    const [kept, blocked] = [await createTestUser(), await createTestUser()];
    const keptJudgment = await judge(kept);
    const blockedJudgment = await judge(blocked);
    await blockUser({ actor: admin, input: { userId: blocked.id } });

    const byDefault = await exportedJudgmentIds({ actor: researcher, projectSlug: project.slug });
    expect(byDefault.ids).toEqual([keptJudgment]);
    expect(byDefault.manifest.counts).toMatchObject({ judgmentsRead: 2, judgmentsIncluded: 1, judgmentsLeftOut: { "annotator blocked": 1 } });
    const withBlocked = await exportedJudgmentIds({ actor: researcher, projectSlug: project.slug, excludeBlockedAnnotators: false });
    expect(withBlocked.ids).toEqual([keptJudgment, blockedJudgment].sort());
  });

  it("refuses to block yourself, and blocks nothing", async () => {
    const admin = await createTestUser("ADMIN");
    await expect(blockUser({ actor: admin, input: { userId: admin.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).blockedAt).toBeNull();
  });
});

describe("changeUserRole", () => {
  // The last-admin rule is about every admin in the database: the other tests' admins are set
  // aside for the test and put back after.
  let setAside: string[] = [];
  async function onlyTheseAdmins(ids: string[]) {
    const others = await db().user.findMany({ where: { role: "ADMIN", id: { notIn: ids } }, select: { id: true } });
    setAside = others.map((user) => user.id);
    await db().user.updateMany({ where: { id: { in: setAside } }, data: { role: "RESEARCHER" } });
  }
  afterEach(async () => {
    await db().user.updateMany({ where: { id: { in: setAside } }, data: { role: "ADMIN" } });
    setAside = [];
  });

  it("changes another user's role and stores it", async () => {
    const admin = await createTestUser("ADMIN");
    const worker = await createTestUser();
    await changeUserRole({ actor: admin, input: { userId: worker.id, role: "RESEARCHER" } });
    expect((await db().user.findUniqueOrThrow({ where: { id: worker.id } })).role).toBe("RESEARCHER");
  });

  it("refuses an admin changing their own role", async () => {
    const admin = await createTestUser("ADMIN");
    await expect(changeUserRole({ actor: admin, input: { userId: admin.id, role: "WORKER" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect((await db().user.findUniqueOrThrow({ where: { id: admin.id } })).role).toBe("ADMIN");
  });

  it("refuses demoting or blocking the last admin who is not blocked", async () => {
    const last = await createTestUser("ADMIN");
    const blockedAdmin = await createTestUser("ADMIN");
    await db().user.update({ where: { id: blockedAdmin.id }, data: { blockedAt: new Date() } });
    await onlyTheseAdmins([last.id, blockedAdmin.id]);

    await expect(changeUserRole({ actor: null, input: { userId: last.id, role: "WORKER" } })).rejects.toMatchObject({
      code: "CONFLICT",
      message: expect.stringContaining("last admin"),
    });
    await expect(blockUser({ actor: null, input: { userId: last.id } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().user.findUniqueOrThrow({ where: { id: last.id } })).toMatchObject({ role: "ADMIN", blockedAt: null });
    // A blocked admin is not the one keeping the console reachable: demoting them is fine.
    await changeUserRole({ actor: null, input: { userId: blockedAdmin.id, role: "WORKER" } });
    expect((await db().user.findUniqueOrThrow({ where: { id: blockedAdmin.id } })).role).toBe("WORKER");
  });

  it("lets only one of two admins demoting each other at once succeed", async () => {
    const [a, b] = [await createTestUser("ADMIN"), await createTestUser("ADMIN")];
    await onlyTheseAdmins([a.id, b.id]);
    const results = await Promise.allSettled([
      changeUserRole({ actor: a, input: { userId: b.id, role: "WORKER" } }),
      changeUserRole({ actor: b, input: { userId: a.id, role: "WORKER" } }),
    ]);
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(await db().user.count({ where: { id: { in: [a.id, b.id] }, role: "ADMIN" } })).toBe(1);
  });
});

describe("findPeople", () => {
  it("finds by part of an email or name and by role, with groups, judgment counts and blocked state", async () => {
    const worker = await createTestUser();
    await db().user.update({ where: { id: worker.id }, data: { name: "Zebulon Findable", blockedAt: new Date() } });
    const group = await db().group.create({ data: { name: `find-${worker.id.slice(0, 8)}` } });
    await db().groupMember.create({ data: { groupId: group.id, userId: worker.id } });

    const byName = await findPeople({ search: "zebulon find" });
    expect(byName.people).toEqual([
      expect.objectContaining({ id: worker.id, role: "WORKER", judgmentCount: 0, lastActiveAt: null, groups: [{ id: group.id, name: group.name }] }),
    ]);
    expect(byName.people[0]!.blockedAt).toBeInstanceOf(Date);
    expect((await findPeople({ search: worker.email.toUpperCase() })).people.map((p) => p.id)).toEqual([worker.id]);
    expect((await findPeople({ search: worker.email, role: "ADMIN" })).people).toEqual([]);
    expect((await findPeople({ role: "WORKER" })).people.every((person) => person.role === "WORKER")).toBe(true);
    expect((await findPeople({ group: group.id })).people.map((p) => p.id)).toEqual([worker.id]);
    // A hand-edited query string is no filter, not an error page.
    expect((await findPeople({ group: "not-a-uuid", role: "BOSS", page: "-3", search: worker.email })).people.map((p) => p.id)).toEqual([worker.id]);
  });

  it("pages 50 at a time without repeating anyone", async () => {
    const label = `paged-${crypto.randomUUID().slice(0, 8)}`;
    await db().user.createMany({ data: Array.from({ length: 51 }, (_, n) => ({ email: `${label}-${n}@test.example`, name: label })) });
    const first = await findPeople({ search: label });
    const second = await findPeople({ search: label, page: "2" });
    expect([first.total, first.pageCount, first.people.length, second.people.length]).toEqual([51, 2, 50, 1]);
    expect(new Set([...first.people, ...second.people].map((person) => person.id)).size).toBe(51);
  });
});
