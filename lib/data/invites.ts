import "server-only";
import { randomBytes } from "node:crypto";
import { hashTokenSecret } from "@/lib/auth/token-secret";
import { recordAuditEvent } from "@/lib/data/audit";
import type { Actor } from "@/lib/data/users";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { createInviteSchema, inviteIdSchema } from "@/lib/validations/invite";
import { parseInput } from "@/lib/validations/parse";

const DAY_MS = 24 * 60 * 60 * 1000;

export type InviteStatus = "live" | "expired" | "used-up" | "revoked";

export function inviteStatus(invite: { uses: number; maxUses: number; expiresAt: Date; revokedAt: Date | null }, now = new Date()): InviteStatus {
  if (invite.revokedAt) return "revoked";
  if (invite.uses >= invite.maxUses) return "used-up";
  if (invite.expiresAt <= now) return "expired";
  return "live";
}

/** The link's secret is returned once; only its SHA-256 is stored, as for API tokens. */
export async function createInvite({ actor, input }: { actor: Actor; input: unknown }) {
  const { role, maxUses, expiresInDays, groupId } = parseInput(createInviteSchema, input);
  const secret = randomBytes(24).toString("base64url");
  const invite = await db().$transaction(async (tx) => {
    if (groupId && !(await tx.group.findUnique({ where: { id: groupId }, select: { id: true } }))) {
      throw new AppError("NOT_FOUND", "That group no longer exists", [{ field: "groupId", message: "no such group" }]);
    }
    const created = await tx.invite.create({
      data: { tokenHash: hashTokenSecret(secret), role, maxUses, groupId, expiresAt: new Date(Date.now() + expiresInDays * DAY_MS), createdById: actor.id },
      select: { id: true, role: true, maxUses: true, expiresAt: true, groupId: true },
    });
    await recordAuditEvent(tx, { actor, action: "invite.create", targetType: "invite", targetId: created.id, after: created });
    return created;
  });
  return { invite, secret };
}

export async function findInvites() {
  const invites = await db().invite.findMany({
    orderBy: { createdAt: "desc" },
    take: 100,
    select: {
      id: true,
      role: true,
      uses: true,
      maxUses: true,
      expiresAt: true,
      revokedAt: true,
      createdAt: true,
      group: { select: { name: true } },
      createdBy: { select: { email: true } },
    },
  });
  const now = new Date();
  return invites.map((invite) => ({ ...invite, status: inviteStatus(invite, now) }));
}

export async function revokeInvite({ actor, input }: { actor: Actor; input: unknown }) {
  const { inviteId } = parseInput(inviteIdSchema, input);
  await db().$transaction(async (tx) => {
    const invite = await tx.invite.findUnique({ where: { id: inviteId }, select: { revokedAt: true, uses: true, maxUses: true } });
    if (!invite) throw new AppError("NOT_FOUND", "No such invite");
    if (invite.revokedAt) return;
    const { revokedAt } = await tx.invite.update({ where: { id: inviteId }, data: { revokedAt: new Date() }, select: { revokedAt: true } });
    await recordAuditEvent(tx, {
      actor,
      action: "invite.revoke",
      targetType: "invite",
      targetId: inviteId,
      before: { revokedAt: null, uses: invite.uses },
      after: { revokedAt, uses: invite.uses },
    });
  });
}
