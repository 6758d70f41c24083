import "server-only";
import { randomBytes } from "node:crypto";
import { hashPassword, needsRehash, verifyDummyPassword, verifyPassword } from "@/lib/auth/password";
import { db, pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import { enforceRateLimit } from "@/lib/rate-limit";
import type { Role } from "@/lib/generated/prisma/enums";
import { createUserSchema, signInSchema, type CreateUserInput } from "@/lib/validations/user";
import { parseInput } from "@/lib/validations/parse";
import { isId } from "@/lib/validations/ids";

export type Actor = { id: string; email: string; name: string | null; role: Role };

const actorSelect = { id: true, email: true, name: true, role: true } as const;

/** Creates a user; without a password one is generated and returned once. */
export async function createUser(input: CreateUserInput): Promise<{ user: Actor; password: string }> {
  const { email, role, name, password } = parseInput(createUserSchema, input);
  const secret = password ?? randomBytes(12).toString("base64url");
  const existing = await db().user.findUnique({ where: { email }, select: { id: true } });
  if (existing) throw new AppError("CONFLICT", `A user with email ${email} already exists`, [{ field: "email", message: "already taken" }]);
  const user = await db().user.create({
    data: { email, role, name: name || null, passwordHash: await hashPassword(secret) },
    select: actorSelect,
  });
  return { user, password: secret };
}

/**
 * The signed-in user as stored now: a blocked or deleted user is treated as signed out. Every page
 * and action asks, so it is one prepared statement.
 */
export async function findActiveUserById(id: string): Promise<Actor | null> {
  if (!isId(id)) return null;
  const [user] = await queryPool<Actor>(pool(), "SELECT id, email, name, role FROM users WHERE id = $1::uuid AND blocked_at IS NULL", [id]);
  return user ?? null;
}

/**
 * Sign-in by email and password. Each attempt counts against the client's address and the email
 * (RATE_LIMITED past either limit); a right password takes its attempt back. An email without an
 * account costs the same scrypt work and counts the same, so neither the time a refusal takes nor
 * the limits tell which accounts exist.
 */
export async function verifyCredentials({ credentials, clientAddress }: { credentials: unknown; clientAddress: string }): Promise<Actor | null> {
  const parsed = signInSchema.safeParse(credentials);
  if (!parsed.success) return null;
  const { email, password } = parsed.data;
  const counted = await enforceRateLimit([
    { policy: "sign-in-client", key: clientAddress },
    { policy: "sign-in-email", key: email },
  ]);
  const user = await db().user.findUnique({ where: { email }, select: { ...actorSelect, passwordHash: true, blockedAt: true } });
  const right = user?.passwordHash ? await verifyPassword(password, user.passwordHash) : await verifyDummyPassword(password);
  if (!user?.passwordHash || !right || user.blockedAt) return null;
  await counted.refund();
  if (needsRehash(user.passwordHash)) await upgradePasswordHash({ userId: user.id, oldHash: user.passwordHash, password });
  return { id: user.id, email: user.email, name: user.name, role: user.role };
}

// A hash made at an older, cheaper cost is redone once the password is known right. Only while it is
// still the hash just checked: a password changed in the meantime is not put back.
async function upgradePasswordHash({ userId, oldHash, password }: { userId: string; oldHash: string; password: string }) {
  await db().user.updateMany({ where: { id: userId, passwordHash: oldHash }, data: { passwordHash: await hashPassword(password) } });
}

/** For the command line, which names people by email. */
export async function findUserByEmail({ email }: { email: string }): Promise<Actor> {
  const user = await db().user.findUnique({ where: { email: email.toLowerCase() }, select: actorSelect });
  if (!user) throw new AppError("NOT_FOUND", `No user with email ${email}`);
  return user;
}
