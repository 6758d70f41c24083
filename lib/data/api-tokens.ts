import "server-only";
import { generateTokenSecret, hashTokenSecret, looksLikeTokenSecret } from "@/lib/auth/token-secret";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/data/users";
import { createApiTokenSchema } from "@/lib/validations/api-token";
import { parseInput } from "@/lib/validations/parse";

export type TokenActor = Actor & { scopes: string[] };

/** Returns the secret once; only its hash is stored. */
export async function createApiToken({ actor, input }: { actor: Actor; input: unknown }) {
  const { name, scopes } = parseInput(createApiTokenSchema, input);
  const secret = generateTokenSecret();
  const token = await db().apiToken.create({
    data: { userId: actor.id, name, scopes, tokenHash: hashTokenSecret(secret), prefix: secret.slice(0, 10) },
    select: { id: true, name: true, scopes: true, prefix: true, createdAt: true },
  });
  return { token, secret };
}

export async function findApiTokensForUser({ actor }: { actor: Actor }) {
  return db().apiToken.findMany({
    where: { userId: actor.id, revokedAt: null },
    select: { id: true, name: true, scopes: true, prefix: true, createdAt: true, lastUsedAt: true },
    orderBy: { createdAt: "desc" },
  });
}

export async function revokeApiToken({ actor, tokenId }: { actor: Actor; tokenId: string }) {
  const { count } = await db().apiToken.updateMany({
    where: { id: tokenId, userId: actor.id, revokedAt: null },
    data: { revokedAt: new Date() },
  });
  if (count === 0) throw new AppError("NOT_FOUND", "No such token");
}

/** The owner of a live token, unless blocked. */
export async function findActorByTokenSecret(secret: string): Promise<TokenActor | null> {
  if (!looksLikeTokenSecret(secret)) return null;
  const token = await db().apiToken.findUnique({
    where: { tokenHash: hashTokenSecret(secret) },
    select: { id: true, scopes: true, revokedAt: true, lastUsedAt: true, user: { select: { id: true, email: true, name: true, role: true, blockedAt: true } } },
  });
  if (!token || token.revokedAt || token.user.blockedAt) return null;
  await touchToken(token.id, token.lastUsedAt);
  const { blockedAt: _blocked, ...user } = token.user;
  return { ...user, scopes: token.scopes };
}

// Last use is shown to people, to the minute: writing it on every request would put a row update
// on the hot path of every scripted claim and submit.
async function touchToken(id: string, lastUsedAt: Date | null) {
  if (lastUsedAt && Date.now() - lastUsedAt.getTime() < 60_000) return;
  await db().apiToken.update({ where: { id }, data: { lastUsedAt: new Date() } });
}
