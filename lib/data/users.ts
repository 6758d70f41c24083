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

/**
 * Who is acting. A platform account (made by a study link) acts only within the study session its
 * browser was signed in for: studySessionId is that session, and scopes the tasks it sees and counts.
 * Null or absent for everyone else.
 */
export type Actor = { id: string; email: string; name: string | null; role: Role; studySessionId?: string | null };

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
 * The signed-in user as stored now: a blocked or deleted user is treated as signed out, and so is a
 * platform account unless the study session its browser was signed in for is still open (not ended,
 * its study not closed). Every page and action asks, so it is one prepared statement; for everyone
 * else the study session lookup is a primary-key probe with a null key, which finds nothing.
 */
export async function findActiveUserById(id: string, studySessionId: string | null = null): Promise<Actor | null> {
  if (!isId(id) || (studySessionId !== null && !isId(studySessionId))) return null;
  const [user] = await queryPool<Actor>(
    pool(),
    `SELECT u.id, u.email, u.name, u.role, v.id AS "studySessionId"
     FROM users u
     LEFT JOIN study_sessions v ON v.id = $2::uuid AND v.user_id = u.id AND v.ended_at IS NULL
       AND NOT EXISTS (SELECT 1 FROM studies s WHERE s.id = v.study_id AND s.closed_at IS NOT NULL)
     WHERE u.id = $1::uuid AND u.blocked_at IS NULL AND (u.platform IS NULL OR v.id IS NOT NULL)`,
    [id, studySessionId],
  );
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
