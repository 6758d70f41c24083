import { describe, expect, it } from "vitest";
import { findAuditEvents, findAuditFilterChoices } from "@/lib/data/audit-log";
import { recordAuditEvent } from "@/lib/data/audit";
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, renameGroup } from "@/lib/data/groups";
import { createInvite, revokeInvite } from "@/lib/data/invites";
import { blockUser, changeUserRole, unblockUser } from "@/lib/data/people-admin";
import { db } from "@/lib/db/prisma";
import { createTestUser } from "@/lib/testing/factories";

describe("audit events of people, invites and groups", () => {
  it("records who did what to what, with before and after, and reads them back newest first", async () => {
    const admin = await createTestUser("ADMIN");
    const worker = await createTestUser();
    const name = `audited ${worker.id.slice(0, 8)}`;

    await changeUserRole({ actor: admin, input: { userId: worker.id, role: "RESEARCHER" } });
    await blockUser({ actor: admin, input: { userId: worker.id } });
    await unblockUser({ actor: admin, input: { userId: worker.id } });
    const { invite } = await createInvite({ actor: admin, input: { role: "WORKER", maxUses: 2, expiresInDays: 1 } });
    await revokeInvite({ actor: admin, input: { inviteId: invite.id } });
    const group = await createGroup({ actor: admin, input: { name } });
    await renameGroup({ actor: admin, input: { groupId: group.id, name: `${name}!` } });
    await addGroupMember({ actor: admin, input: { groupId: group.id, userId: worker.id } });
    await removeGroupMember({ actor: admin, input: { groupId: group.id, userId: worker.id } });
    await deleteGroup({ actor: admin, input: { groupId: group.id } });

    const { events, nextCursor } = await findAuditEvents({ filters: { actor: admin.email } });
    expect(nextCursor).toBeNull();
    // Newest first in the order recorded, even where two events share a millisecond.
    expect(events.map((event) => event.action)).toEqual([
      "group.delete",
      "group.remove-member",
      "group.add-member",
      "group.rename",
      "group.create",
      "invite.revoke",
      "invite.create",
      "user.unblock",
      "user.block",
      "user.role",
    ]);
    for (const event of events) expect(event.actor).toEqual({ id: admin.id, email: admin.email });
    const byAction = Object.fromEntries(events.map((event) => [event.action, event]));
    expect(byAction["user.role"]).toMatchObject({
      targetType: "user",
      targetId: worker.id,
      before: { email: worker.email, role: "WORKER" },
      after: { email: worker.email, role: "RESEARCHER" },
    });
    expect(byAction["user.block"]).toMatchObject({
      targetId: worker.id,
      before: { blockedAt: null },
      after: { blockedAt: expect.any(String), revokedLeases: 0 },
    });
    expect(byAction["user.unblock"]).toMatchObject({ before: { blockedAt: expect.any(String) }, after: { blockedAt: null } });
    expect(byAction["invite.create"]).toMatchObject({ targetType: "invite", targetId: invite.id, before: null, after: { role: "WORKER", maxUses: 2 } });
    expect(byAction["invite.revoke"]).toMatchObject({ before: { revokedAt: null }, after: { revokedAt: expect.any(String) } });
    expect(byAction["group.rename"]).toMatchObject({ targetType: "group", targetId: group.id, before: { name }, after: { name: `${name}!` } });
    expect(byAction["group.add-member"]).toMatchObject({ before: null, after: { group: `${name}!`, member: worker.email } });
    expect(byAction["group.remove-member"]).toMatchObject({ before: { member: worker.email }, after: null });
    expect(byAction["group.delete"]).toMatchObject({ before: { name: `${name}!`, members: 0, projects: 0 }, after: null });
  });

  it("records nothing when a change is refused", async () => {
    const admin = await createTestUser("ADMIN");
    await expect(changeUserRole({ actor: admin, input: { userId: admin.id, role: "WORKER" } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(blockUser({ actor: admin, input: { userId: admin.id } })).rejects.toMatchObject({ code: "FORBIDDEN" });
    expect(await db().auditEvent.count({ where: { actorId: admin.id } })).toBe(0);
  });
});

describe("findAuditEvents", () => {
  async function seedEvents() {
    const admin = await createTestUser("ADMIN");
    const at = (iso: string) => new Date(iso);
    const rows = [
      { action: "project.update", targetType: "project", createdAt: at("2026-03-01T10:00:00Z") },
      { action: "batch.status", targetType: "batch", createdAt: at("2026-03-02T23:59:59Z") },
      { action: "batch.status", targetType: "batch", createdAt: at("2026-03-03T00:00:00Z") },
      { action: "user.block", targetType: "user", createdAt: at("2026-03-04T12:00:00Z") },
    ];
    for (const row of rows) await db().auditEvent.create({ data: { ...row, actorId: admin.id, targetId: "t" } });
    return admin;
  }

  it("filters by action, target type and UTC days (both ends included)", async () => {
    const admin = await seedEvents();
    const actions = async (filters: Record<string, string>) =>
      (await findAuditEvents({ filters: { actor: admin.email, ...filters } })).events.map((e) => `${e.action}@${e.createdAt.toISOString().slice(0, 10)}`);
    expect(await actions({ action: "batch.status" })).toEqual(["batch.status@2026-03-03", "batch.status@2026-03-02"]);
    expect(await actions({ targetType: "user" })).toEqual(["user.block@2026-03-04"]);
    expect(await actions({ from: "2026-03-02", to: "2026-03-02" })).toEqual(["batch.status@2026-03-02"]);
    expect(await actions({ from: "2026-03-03", to: "", action: "" })).toEqual(["user.block@2026-03-04", "batch.status@2026-03-03"]);
    expect(await actions({ actor: "nobody-matches-this" })).toEqual([]);
    await expect(findAuditEvents({ filters: { from: "2026-03-05", to: "2026-03-01" } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
  });

  it("pages newest first with a cursor, without repeating or skipping a row", async () => {
    const admin = await seedEvents();
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof findAuditEvents>> = await findAuditEvents({ filters: { actor: admin.email }, cursor, limit: 3 });
      seen.push(...page.events.map((event) => event.createdAt.toISOString()));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(["2026-03-04T12:00:00.000Z", "2026-03-03T00:00:00.000Z", "2026-03-02T23:59:59.000Z", "2026-03-01T10:00:00.000Z"]);
  });

  it("keeps events of one millisecond in the order they were recorded, across pages", async () => {
    const admin = await createTestUser("ADMIN");
    const sameMoment = new Date("2026-03-06T08:00:00.000Z");
    const recorded = ["batch.status", "project.update", "user.block", "batch.priority", "user.role"];
    for (const action of recorded) await db().auditEvent.create({ data: { action, targetType: "t", actorId: admin.id, createdAt: sameMoment } });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: Awaited<ReturnType<typeof findAuditEvents>> = await findAuditEvents({ filters: { actor: admin.email }, cursor, limit: 2 });
      seen.push(...page.events.map((event) => event.action));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual([...recorded].reverse());
  });

  it("starts from the newest for a cursor that does not parse", async () => {
    const admin = await seedEvents();
    const { events } = await findAuditEvents({ filters: { actor: admin.email }, cursor: "2026-03-04T12:00:00.000Z_not-a-cursor" });
    expect(events).toHaveLength(4);
  });

  it("reads events other parts of the app record, and offers their actions as filter choices", async () => {
    const admin = await createTestUser("ADMIN");
    await db().$transaction((tx) =>
      recordAuditEvent(tx, { actor: admin, action: "study.create", targetType: "study", targetId: "s1", after: { title: "<b>pilot</b>" } }),
    );
    const { events } = await findAuditEvents({ filters: { actor: admin.email, action: "study.create" } });
    expect(events).toEqual([
      expect.objectContaining({ action: "study.create", targetType: "study", targetId: "s1", before: null, after: { title: "<b>pilot</b>" } }),
    ]);
    const choices = await findAuditFilterChoices();
    expect(choices.actions).toContain("study.create");
    expect(choices.targetTypes).toContain("study");
  });
});
