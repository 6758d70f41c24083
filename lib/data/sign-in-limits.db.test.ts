import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { hashPassword, verifyDummyPassword, verifyPassword } from "@/lib/auth/password";
import { signUpWithInvite } from "@/lib/data/invite-sign-up";
import { createInvite, revokeInvite } from "@/lib/data/invites";
import { verifyCredentials } from "@/lib/data/users";
import { db } from "@/lib/db/prisma";
import { createTestUser, uniqueEmail } from "@/lib/testing/factories";

// The real functions, watched: which of them a sign-in runs is how these tests see its work.
vi.mock("@/lib/auth/password", async (importOriginal) => {
  const actual = await importOriginal<typeof import("@/lib/auth/password")>();
  return {
    ...actual,
    hashPassword: vi.fn(actual.hashPassword),
    verifyPassword: vi.fn(actual.verifyPassword),
    verifyDummyPassword: vi.fn(actual.verifyDummyPassword),
  };
});

const saved = { RATE_LIMITS: process.env.RATE_LIMITS, PASSWORD_HASH_COST: process.env.PASSWORD_HASH_COST };
beforeEach(() => vi.clearAllMocks());
afterEach(() => {
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

const newClient = () => `client-${randomUUID()}`;

/** A sign-in's outcome: the user's id, "refused", or the rate limit's code and wait. */
async function signIn(email: string, password: string, clientAddress: string) {
  try {
    const actor = await verifyCredentials({ credentials: { email, password }, clientAddress });
    return actor ? actor.id : "refused";
  } catch (error) {
    return error as { code: string; retryAfterSeconds: number };
  }
}

describe("sign-in limits", () => {
  it("refuses the 6th wrong password in a minute with RATE_LIMITED and the wait, then even the right one", async () => {
    const user = await createTestUser();
    const client = newClient();
    for (let n = 0; n < 5; n++) expect(await signIn(user.email, "wrong password", client)).toBe("refused");
    const sixth = await signIn(user.email, "wrong password", client);
    expect(sixth).toMatchObject({ code: "RATE_LIMITED", message: "Too many attempts; try again in 5 minutes" });
    // Blocked for five minutes from the attempt that went over.
    expect((sixth as { retryAfterSeconds: number }).retryAfterSeconds).toBeGreaterThan(290);
    expect((sixth as { retryAfterSeconds: number }).retryAfterSeconds).toBeLessThanOrEqual(300);
    expect(await signIn(user.email, "test-password", newClient())).toMatchObject({ code: "RATE_LIMITED" });
  });

  it("does not count a right password against the email", async () => {
    const user = await createTestUser();
    const client = newClient();
    for (let n = 0; n < 4; n++) expect(await signIn(user.email, "wrong password", client)).toBe("refused");
    for (let n = 0; n < 6; n++) expect(await signIn(user.email, "test-password", client)).toBe(user.id);
    expect(await signIn(user.email, "wrong password", client)).toBe("refused");
    expect(await signIn(user.email, "wrong password", client)).toMatchObject({ code: "RATE_LIMITED" });
  });

  it("limits one client trying many emails, and not another client", async () => {
    process.env.RATE_LIMITS = "sign-in-client=4";
    const client = newClient();
    for (let n = 0; n < 4; n++) expect(await signIn(uniqueEmail("stuffing"), "guess", client)).toBe("refused");
    expect(await signIn(uniqueEmail("stuffing"), "guess", client)).toMatchObject({ code: "RATE_LIMITED" });
    const user = await createTestUser();
    expect(await signIn(user.email, "test-password", newClient())).toBe(user.id);
  });

  it("checks a password the same way whether or not the account exists, and limits both alike", async () => {
    const user = await createTestUser();
    const client = newClient();
    expect(await signIn(user.email, "wrong password", client)).toBe("refused");
    expect(verifyPassword).toHaveBeenCalledTimes(1);
    expect(verifyDummyPassword).not.toHaveBeenCalled();

    vi.clearAllMocks();
    const nobody = uniqueEmail("nobody");
    expect(await signIn(nobody, "wrong password", client)).toBe("refused");
    expect(verifyDummyPassword).toHaveBeenCalledTimes(1);
    expect(verifyDummyPassword).toHaveBeenCalledWith("wrong password");
    // An account with no password (a crowd-platform participant) costs the same too.
    const participant = await db().user.create({ data: { email: uniqueEmail("participant"), role: "WORKER" } });
    expect(await signIn(participant.email, "anything", client)).toBe("refused");
    expect(verifyDummyPassword).toHaveBeenCalledTimes(2);

    for (let n = 0; n < 4; n++) await signIn(nobody, "wrong password", client);
    expect(await signIn(nobody, "wrong password", client)).toMatchObject({ code: "RATE_LIMITED" });
  });

  it("redoes a hash made at a lower cost when the password is right, and keeps it when it is wrong", async () => {
    const user = await createTestUser();
    const oldHash = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!;
    expect(oldHash).toMatch(/^scrypt\$16384\$8\$1\$/);
    process.env.PASSWORD_HASH_COST = "15";
    expect(await signIn(user.email, "wrong password", newClient())).toBe("refused");
    expect((await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash).toBe(oldHash);
    expect(await signIn(user.email, "test-password", newClient())).toBe(user.id);
    const newHash = (await db().user.findUniqueOrThrow({ where: { id: user.id } })).passwordHash!;
    expect(newHash).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(await signIn(user.email, "test-password", newClient())).toBe(user.id);
  });
});

describe("invite sign-up limits", () => {
  const signUpInput = () => ({ email: uniqueEmail("invited"), name: "New Person", password: "long-enough-pass", passwordAgain: "long-enough-pass" });

  async function newInvite(maxUses = 10) {
    const admin = await createTestUser("ADMIN");
    const { invite, secret } = await createInvite({ actor: admin, input: { role: "WORKER", maxUses, expiresInDays: 7 } });
    vi.clearAllMocks();
    return { admin, invite, secret };
  }

  it("refuses a dead or unknown invite before any password is hashed", async () => {
    const { admin, invite, secret } = await newInvite();
    await revokeInvite({ actor: admin, input: { inviteId: invite.id } });
    await expect(signUpWithInvite({ secret, input: signUpInput(), clientAddress: newClient() })).rejects.toMatchObject({ code: "GONE" });
    await expect(signUpWithInvite({ secret: "made-up", input: signUpInput(), clientAddress: newClient() })).rejects.toMatchObject({ code: "GONE" });
    expect(hashPassword).not.toHaveBeenCalled();
  });

  it("limits sign-ups per invite, before hashing", async () => {
    process.env.RATE_LIMITS = "invite-sign-up-invite=2";
    const { secret } = await newInvite();
    for (let n = 0; n < 2; n++) await signUpWithInvite({ secret, input: signUpInput(), clientAddress: newClient() });
    await expect(signUpWithInvite({ secret, input: signUpInput(), clientAddress: newClient() })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(hashPassword).toHaveBeenCalledTimes(2);
  });

  it("limits sign-ups per client, across invites, whether the invites are live or not", async () => {
    process.env.RATE_LIMITS = "invite-sign-up-client=2";
    const client = newClient();
    await expect(signUpWithInvite({ secret: "made-up", input: signUpInput(), clientAddress: client })).rejects.toMatchObject({ code: "GONE" });
    await signUpWithInvite({ secret: (await newInvite()).secret, input: signUpInput(), clientAddress: client });
    const { secret } = await newInvite();
    await expect(signUpWithInvite({ secret, input: signUpInput(), clientAddress: client })).rejects.toMatchObject({ code: "RATE_LIMITED" });
    expect(hashPassword).not.toHaveBeenCalled();
    await signUpWithInvite({ secret, input: signUpInput(), clientAddress: newClient() });
  });
});
