import "server-only";
import { cache } from "react";
import { hashPassword } from "@/lib/auth/password";
import { hashTokenSecret } from "@/lib/auth/token-secret";
import { inviteStatus, type InviteStatus } from "@/lib/data/invites";
import type { Actor } from "@/lib/data/users";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { Role } from "@/lib/generated/prisma/enums";
import { Prisma } from "@/lib/generated/prisma/client";
import { signUpSchema } from "@/lib/validations/user";
import { parseInput } from "@/lib/validations/parse";
import { enforceRateLimit } from "@/lib/rate-limit";

export type InviteLink = { status: InviteStatus | "unknown"; role: Role | null; groupName: string | null };

export const DEAD_INVITE_REASONS: Record<Exclude<InviteLink["status"], "live">, string> = {
  expired: "This invite link has expired. Ask the person who sent it for a new one.",
  "used-up": "This invite link has already been used by as many people as it was made for.",
  revoked: "This invite link was withdrawn by an admin.",
  unknown: "This invite link is not known here: check that it was copied whole.",
};

/** What the sign-up page shows for a link; once per request, as the layout and the page both ask. */
export const findInviteLink = cache(async (secret: string): Promise<InviteLink> => {
  const invite = await db().invite.findUnique({
    where: { tokenHash: hashTokenSecret(secret) },
    select: { role: true, uses: true, maxUses: true, expiresAt: true, revokedAt: true, group: { select: { name: true } } },
  });
  if (!invite) return { status: "unknown", role: null, groupName: null };
  return { status: inviteStatus(invite), role: invite.role, groupName: invite.group?.name ?? null };
});

/**
 * Creates an account through an invite, all or nothing: the use is counted by a conditional UPDATE
 * (uses < max_uses, not expired, not revoked), so two people racing for a single-use link cannot
 * both get in; a refused email rolls the use back. Attempts are limited per client address, and
 * per invite once it is known live.
 */
export async function signUpWithInvite({ secret, input, clientAddress }: { secret: string; input: unknown; clientAddress: string }): Promise<Actor> {
  const { email, name, password } = parseInput(signUpSchema, input);
  await enforceRateLimit({ policy: "invite-sign-up-client", key: clientAddress });
  // Before the password is hashed (128 MiB, a third of a second): a dead or made-up link costs no scrypt work.
  const { status } = await findInviteLink(secret);
  if (status !== "live") throw new AppError("GONE", DEAD_INVITE_REASONS[status]);
  const tokenHash = hashTokenSecret(secret);
  await enforceRateLimit({ policy: "invite-sign-up-invite", key: tokenHash });
  const passwordHash = await hashPassword(password);
  try {
    return await db().$transaction(async (tx) => {
      const [invite] = await tx.$queryRaw<{ id: string; role: Role; group_id: string | null }[]>`
        UPDATE invites SET uses = uses + 1
        WHERE token_hash = ${tokenHash} AND revoked_at IS NULL AND expires_at > now() AND uses < max_uses
        RETURNING id, role, group_id`;
      if (!invite) {
        const { status } = await findInviteLink(secret);
        throw new AppError("GONE", DEAD_INVITE_REASONS[status === "live" ? "used-up" : status]);
      }
      if (await tx.user.findUnique({ where: { email }, select: { id: true } })) throw emailTaken(email);
      const user = await tx.user.create({ data: { email, name, role: invite.role, passwordHash }, select: { id: true, email: true, name: true, role: true } });
      if (invite.group_id) await tx.groupMember.create({ data: { groupId: invite.group_id, userId: user.id } });
      return user;
    });
  } catch (error) {
    // Two sign-ups with one email at the same moment: the unique index decides.
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") throw emailTaken(email);
    throw error;
  }
}

function emailTaken(email: string) {
  return new AppError("CONFLICT", `An account with ${email} already exists: sign in instead`, [{ field: "email", message: "already registered" }]);
}
