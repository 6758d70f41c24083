import "server-only";
import { endConversationsByAdmin } from "@/lib/data/conversations-ended-by-admin";
import { recordAuditEvent } from "@/lib/data/audit";
import type { Actor } from "@/lib/data/users";
import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { AppError } from "@/lib/errors";
import { changeRoleSchema, userIdSchema } from "@/lib/validations/user";
import { parseInput } from "@/lib/validations/parse";

// The actor is null for the command line, which acts with the database's own authority.
type Change = { actor: Actor | null; input: unknown };

/**
 * Changes a user's role. An admin may not change their own role (they would lock themselves out
 * mid-task), and the last admin who is not blocked may not be demoted: nobody could manage people.
 */
export async function changeUserRole({ actor, input }: Change) {
  const { userId, role } = parseInput(changeRoleSchema, input);
  if (userId === actor?.id) throw new AppError("FORBIDDEN", "You cannot change your own role: ask another admin");
  return db().$transaction(async (tx) => {
    // Locks the admins' rows so two demotions at once cannot each count the other as the admin left.
    await tx.$queryRaw`SELECT id FROM users WHERE role = 'ADMIN' FOR UPDATE`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { id: true, role: true, email: true, blockedAt: true } });
    if (!user) throw new AppError("NOT_FOUND", "No such user");
    if (user.role === role) return { id: user.id, role };
    await refuseLastAdmin(tx, { ...user, id: userId });
    await tx.user.update({ where: { id: userId }, data: { role } });
    await recordAuditEvent(tx, {
      actor,
      action: "user.role",
      targetType: "user",
      targetId: userId,
      before: { email: user.email, role: user.role },
      after: { email: user.email, role },
    });
    return { id: user.id, role };
  });
}

/**
 * Blocks a user: they count as signed out at once (session and API tokens), their open leases end
 * (REVOKED) so the items go back to the pool, and their judgments stay, marked by blocked_at for
 * exports to leave out.
 */
export async function blockUser({ actor, input }: Change) {
  const { userId } = parseInput(userIdSchema, input);
  if (userId === actor?.id) throw new AppError("FORBIDDEN", "You cannot block yourself");
  return db().$transaction(async (tx) => {
    await tx.$queryRaw`SELECT id FROM users WHERE role = 'ADMIN' FOR UPDATE`;
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, role: true, blockedAt: true } });
    if (!user) throw new AppError("NOT_FOUND", "No such user");
    if (user.blockedAt) return { blockedAt: user.blockedAt, revokedLeases: 0 };
    await refuseLastAdmin(tx, { ...user, id: userId });
    // Updating the user's row first takes the lock a claim holds on it (claim-task.ts), so a claim
    // in flight commits before the revoke below, which then sees its lease.
    const { blockedAt } = await tx.user.update({ where: { id: userId }, data: { blockedAt: new Date() }, select: { blockedAt: true } });
    const { count } = await tx.assignment.updateMany({ where: { workerId: userId, status: "ACTIVE" }, data: { status: "REVOKED" } });
    await endConversationsByAdmin(tx, { workerId: userId });
    await recordAuditEvent(tx, {
      actor,
      action: "user.block",
      targetType: "user",
      targetId: userId,
      before: { email: user.email, blockedAt: null },
      after: { email: user.email, blockedAt, revokedLeases: count },
    });
    return { blockedAt: blockedAt!, revokedLeases: count };
  });
}

/** Lets a blocked user sign in again; the leases that blocking ended stay ended. */
export async function unblockUser({ actor, input }: Change) {
  const { userId } = parseInput(userIdSchema, input);
  return db().$transaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id: userId }, select: { email: true, blockedAt: true } });
    if (!user) throw new AppError("NOT_FOUND", "No such user");
    if (!user.blockedAt) return;
    await tx.user.update({ where: { id: userId }, data: { blockedAt: null } });
    await recordAuditEvent(tx, {
      actor,
      action: "user.unblock",
      targetType: "user",
      targetId: userId,
      before: { email: user.email, blockedAt: user.blockedAt },
      after: { email: user.email, blockedAt: null },
    });
  });
}

async function refuseLastAdmin(tx: Prisma.TransactionClient, user: { id: string; email: string; role: Role; blockedAt: Date | null }) {
  if (user.role !== "ADMIN" || user.blockedAt) return;
  const otherAdmins = await tx.user.count({ where: { role: "ADMIN", blockedAt: null, id: { not: user.id } } });
  if (otherAdmins === 0) throw new AppError("CONFLICT", `${user.email} is the last admin: make someone else an admin first`);
}
