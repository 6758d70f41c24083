import "server-only";
import { recordAuditEvent } from "@/lib/data/audit";
import type { Actor } from "@/lib/data/users";
import { db } from "@/lib/db/prisma";
import { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { createGroupSchema, groupIdSchema, groupMemberSchema, renameGroupSchema } from "@/lib/validations/group";
import { parseInput } from "@/lib/validations/parse";

type Change = { actor: Actor; input: unknown };

export async function findGroups() {
  const groups = await db().group.findMany({
    orderBy: { name: "asc" },
    select: { id: true, name: true, _count: { select: { members: true } } },
  });
  return groups.map((group) => ({ id: group.id, name: group.name, memberCount: group._count.members }));
}

export async function createGroup({ actor, input }: Change) {
  const { name } = parseInput(createGroupSchema, input);
  return uniqueName(name, () =>
    db().$transaction(async (tx) => {
      const group = await tx.group.create({ data: { name }, select: { id: true, name: true } });
      await recordAuditEvent(tx, { actor, action: "group.create", targetType: "group", targetId: group.id, after: { name } });
      return group;
    }),
  );
}

export async function renameGroup({ actor, input }: Change) {
  const { groupId, name } = parseInput(renameGroupSchema, input);
  return uniqueName(name, () =>
    db().$transaction(async (tx) => {
      const group = await tx.group.findUnique({ where: { id: groupId }, select: { name: true } });
      if (!group) throw new AppError("NOT_FOUND", "No such group");
      if (group.name === name) return { id: groupId, name };
      await tx.group.update({ where: { id: groupId }, data: { name } });
      await recordAuditEvent(tx, { actor, action: "group.rename", targetType: "group", targetId: groupId, before: { name: group.name }, after: { name } });
      return { id: groupId, name };
    }),
  );
}

/** Deletes a group; its memberships and project grants go with it (the people stay). */
export async function deleteGroup({ actor, input }: Change) {
  const { groupId } = parseInput(groupIdSchema, input);
  await db().$transaction(async (tx) => {
    const group = await tx.group.findUnique({ where: { id: groupId }, select: { name: true, _count: { select: { members: true, projects: true } } } });
    if (!group) throw new AppError("NOT_FOUND", "No such group");
    await tx.group.delete({ where: { id: groupId } });
    await recordAuditEvent(tx, {
      actor,
      action: "group.delete",
      targetType: "group",
      targetId: groupId,
      before: { name: group.name, members: group._count.members, projects: group._count.projects },
    });
  });
}

export async function addGroupMember({ actor, input }: Change) {
  const { groupId, userId } = parseInput(groupMemberSchema, input);
  await db().$transaction(async (tx) => {
    const [group, user] = await Promise.all([
      tx.group.findUnique({ where: { id: groupId }, select: { name: true } }),
      tx.user.findUnique({ where: { id: userId }, select: { email: true } }),
    ]);
    if (!group || !user) throw new AppError("NOT_FOUND", group ? "No such user" : "No such group");
    const added = await tx.groupMember.createMany({ data: [{ groupId, userId }], skipDuplicates: true });
    if (added.count === 0) return;
    await recordAuditEvent(tx, {
      actor,
      action: "group.add-member",
      targetType: "group",
      targetId: groupId,
      before: null,
      after: { group: group.name, member: user.email },
    });
  });
}

export async function removeGroupMember({ actor, input }: Change) {
  const { groupId, userId } = parseInput(groupMemberSchema, input);
  await db().$transaction(async (tx) => {
    const membership = await tx.groupMember.findUnique({
      where: { groupId_userId: { groupId, userId } },
      select: { group: { select: { name: true } }, user: { select: { email: true } } },
    });
    if (!membership) return;
    await tx.groupMember.delete({ where: { groupId_userId: { groupId, userId } } });
    await recordAuditEvent(tx, {
      actor,
      action: "group.remove-member",
      targetType: "group",
      targetId: groupId,
      before: { group: membership.group.name, member: membership.user.email },
      after: null,
    });
  });
}

// Group names are unique: a taken name is the person's mistake, not a server error.
async function uniqueName<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `There is already a group called “${name}”`, [{ field: "name", message: "already taken" }]);
    }
    throw error;
  }
}
