import { describe, expect, it } from "vitest";
import { addGroupMember, createGroup, deleteGroup, findGroups, removeGroupMember, renameGroup } from "@/lib/data/groups";
import { db } from "@/lib/db/prisma";
import { createTestUser } from "@/lib/testing/factories";

const uniqueName = (label: string) => `${label} ${crypto.randomUUID().slice(0, 8)}`;

describe("groups", () => {
  it("creates, renames, adds and removes members, and deletes a group while its people stay", async () => {
    const admin = await createTestUser("ADMIN");
    const worker = await createTestUser();
    const group = await createGroup({ actor: admin, input: { name: `  ${uniqueName("raters")} ` } });
    expect(group.name).toBe(group.name.trim());

    const renamed = uniqueName("senior raters");
    await renameGroup({ actor: admin, input: { groupId: group.id, name: renamed } });
    await addGroupMember({ actor: admin, input: { groupId: group.id, userId: worker.id } });
    await addGroupMember({ actor: admin, input: { groupId: group.id, userId: worker.id } });
    expect((await findGroups()).find((g) => g.id === group.id)).toEqual({ id: group.id, name: renamed, memberCount: 1 });

    await removeGroupMember({ actor: admin, input: { groupId: group.id, userId: worker.id } });
    expect(await db().groupMember.count({ where: { groupId: group.id } })).toBe(0);

    await addGroupMember({ actor: admin, input: { groupId: group.id, userId: worker.id } });
    await deleteGroup({ actor: admin, input: { groupId: group.id } });
    expect(await db().group.findUnique({ where: { id: group.id } })).toBeNull();
    expect(await db().groupMember.count({ where: { userId: worker.id } })).toBe(0);
    expect(await db().user.findUnique({ where: { id: worker.id } })).not.toBeNull();
    // A second add of the same member changed nothing, so it recorded nothing.
    expect(await db().auditEvent.count({ where: { actorId: admin.id, action: "group.add-member" } })).toBe(2);
  });

  it("refuses a name already taken, as a conflict on the name field", async () => {
    const admin = await createTestUser("ADMIN");
    const name = uniqueName("taken");
    await createGroup({ actor: admin, input: { name } });
    await expect(createGroup({ actor: admin, input: { name } })).rejects.toMatchObject({
      code: "CONFLICT",
      details: [{ field: "name", message: "already taken" }],
    });
    const other = await createGroup({ actor: admin, input: { name: uniqueName("other") } });
    await expect(renameGroup({ actor: admin, input: { groupId: other.id, name } })).rejects.toMatchObject({ code: "CONFLICT" });
    expect(await db().group.count({ where: { name } })).toBe(1);
  });

  it("refuses an empty name and a member who does not exist", async () => {
    const admin = await createTestUser("ADMIN");
    await expect(createGroup({ actor: admin, input: { name: "   " } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    const group = await createGroup({ actor: admin, input: { name: uniqueName("g") } });
    await expect(addGroupMember({ actor: admin, input: { groupId: group.id, userId: crypto.randomUUID() } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    expect(await db().groupMember.count({ where: { groupId: group.id } })).toBe(0);
  });
});
