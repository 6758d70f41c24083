import "server-only";
import { generateTokenSecret, hashTokenSecret, looksLikeTokenSecret } from "@/lib/auth/token-secret";
import { db, pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/data/users";
import { createApiTokenSchema } from "@/lib/validations/api-token";
import { parseInput } from "@/lib/validations/parse";

export type TokenActor = Actor & { scopes: string[] };

/**
 * Returns the secret once; only its hash is stored. Platform accounts (made by a study link) never
 * get one: a token would outlive the study session that limits what such an account may reach.
 */
export async function createApiToken({ actor, input }: { actor: Actor; input: unknown }) {
  const { name, scopes } = parseInput(createApiTokenSchema, input);
  const owner = await db().user.findUnique({ where: { id: actor.id }, select: { platform: true } });
  if (!owner) throw new AppError("NOT_FOUND", "No such user");
  if (owner.platform) throw new AppError("FORBIDDEN", "Study participants cannot create API tokens");
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

/**
 * The owner of a live token, unless blocked. Runs on every scripted request, so it is one prepared
 * statement rather than an ORM query.
 */
export async function findActorByTokenSecret(secret: string): Promise<TokenActor | null> {
  if (!looksLikeTokenSecret(secret)) return null;
  const [row] = await queryPool<TokenActor & { token_id: string; last_used_at: Date | null }>(
    pool(),
    `SELECT u.id, u.email, u.name, u.role, t.scopes, t.id AS token_id, t.last_used_at
     FROM api_tokens t JOIN users u ON u.id = t.user_id
     WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.blocked_at IS NULL AND u.platform IS NULL`,
    [hashTokenSecret(secret)],
  );
  if (!row) return null;
  await touchToken(row.token_id, row.last_used_at);
  return { id: row.id, email: row.email, name: row.name, role: row.role, scopes: row.scopes };
}

// Last use is shown to people, to the minute: writing it on every request would put a row update
// on the hot path of every scripted claim and submit.
async function touchToken(id: string, lastUsedAt: Date | null) {
  if (lastUsedAt && Date.now() - lastUsedAt.getTime() < 60_000) return;
  await queryPool(pool(), "UPDATE api_tokens SET last_used_at = now() WHERE id = $1", [id]);
}
