import { describe, expect, it } from "vitest";
import { hashTokenSecret } from "@/lib/auth/token-secret";
import { findInviteLink, signUpWithInvite } from "@/lib/data/invite-sign-up";
import { createInvite, findInvites, revokeInvite } from "@/lib/data/invites";
import { verifyCredentials } from "@/lib/data/users";
import { db } from "@/lib/db/prisma";
import { createTestUser, uniqueEmail } from "@/lib/testing/factories";

// Each run counts its own attempts: the rate limits are per client address.
const clientAddress = `invites-test-${crypto.randomUUID()}`;
const signUp = (email: string) => ({ email, name: "New Person", password: "long-enough-pass", passwordAgain: "long-enough-pass" });

async function newInvite(input: Record<string, unknown> = {}) {
  const admin = await createTestUser("ADMIN");
  const { invite, secret } = await createInvite({ actor: admin, input: { role: "WORKER", maxUses: 1, expiresInDays: 7, ...input } });
  return { admin, invite, secret };
}

async function storedInvite(id: string) {
  return db().invite.findUniqueOrThrow({ where: { id } });
}

describe("createInvite", () => {
  it("stores only the secret's SHA-256, with the role, uses and expiry asked for", async () => {
    const before = Date.now();
    const { invite, secret, admin } = await newInvite({ role: "RESEARCHER", maxUses: 5, expiresInDays: 3 });
    const stored = await storedInvite(invite.id);
    expect(stored).toMatchObject({ tokenHash: hashTokenSecret(secret), role: "RESEARCHER", maxUses: 5, uses: 0, revokedAt: null, createdById: admin.id });
    expect(stored.tokenHash).not.toContain(secret);
    expect(stored.expiresAt.getTime() - before).toBeGreaterThanOrEqual(3 * 86_400_000);
    expect(stored.expiresAt.getTime() - Date.now()).toBeLessThanOrEqual(3 * 86_400_000);
  });

  it("refuses zero uses and a group that does not exist", async () => {
    const admin = await createTestUser("ADMIN");
    await expect(createInvite({ actor: admin, input: { role: "WORKER", maxUses: 0, expiresInDays: 7 } })).rejects.toMatchObject({ code: "INVALID_INPUT" });
    await expect(createInvite({ actor: admin, input: { role: "WORKER", maxUses: 1, expiresInDays: 7, groupId: crypto.randomUUID() } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect(await db().invite.count({ where: { createdById: admin.id } })).toBe(0);
  });
});

describe("signUpWithInvite", () => {
  it("creates the user with the invite's role, joins the group, counts the use, and they can sign in", async () => {
    const admin = await createTestUser("ADMIN");
    const group = await db().group.create({ data: { name: `invited-${admin.id.slice(0, 8)}` } });
    const { invite, secret } = await createInvite({ actor: admin, input: { role: "RESEARCHER", maxUses: 1, expiresInDays: 7, groupId: group.id } });
    const email = uniqueEmail("invited");

    // A role slipped into the form is refused, not quietly dropped: the role comes from the invite only.
    await expect(signUpWithInvite({ secret, clientAddress, input: { ...signUp(email), role: "ADMIN" } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [{ field: "role", message: "unknown field" }],
    });
    const user = await signUpWithInvite({ secret, clientAddress, input: signUp(email.toUpperCase()) });

    expect(user).toMatchObject({ email, role: "RESEARCHER", name: "New Person" });
    expect(await db().groupMember.findMany({ where: { userId: user.id }, select: { groupId: true } })).toEqual([{ groupId: group.id }]);
    expect((await storedInvite(invite.id)).uses).toBe(1);
    expect(await verifyCredentials({ credentials: { email, password: "long-enough-pass" }, clientAddress })).toMatchObject({ id: user.id });
    expect((await findInviteLink(secret)).status).toBe("used-up");
  });

  it("lets only one of two people racing for a single-use link in", async () => {
    const { invite, secret } = await newInvite();
    const emails = [uniqueEmail("race"), uniqueEmail("race")];
    const results = await Promise.allSettled(emails.map((email) => signUpWithInvite({ secret, clientAddress, input: signUp(email) })));
    expect(results.map((result) => result.status).sort()).toEqual(["fulfilled", "rejected"]);
    expect(results.find((result) => result.status === "rejected")).toMatchObject({ reason: { code: "GONE" } });
    expect(await db().user.count({ where: { email: { in: emails } } })).toBe(1);
    expect((await storedInvite(invite.id)).uses).toBe(1);
  });

  it("counts the uses of a link for several people and refuses the one too many", async () => {
    const { invite, secret } = await newInvite({ maxUses: 3 });
    for (let n = 0; n < 3; n++) await signUpWithInvite({ secret, clientAddress, input: signUp(uniqueEmail("multi")) });
    expect((await storedInvite(invite.id)).uses).toBe(3);
    const late = uniqueEmail("late");
    await expect(signUpWithInvite({ secret, clientAddress, input: signUp(late) })).rejects.toMatchObject({
      code: "GONE",
      message: expect.stringContaining("already been used"),
    });
    expect(await db().user.count({ where: { email: late } })).toBe(0);
    expect((await storedInvite(invite.id)).uses).toBe(3);
  });

  it("refuses an expired link and a revoked one, and says which", async () => {
    const expired = await newInvite();
    await db().invite.update({ where: { id: expired.invite.id }, data: { expiresAt: new Date(Date.now() - 1000) } });
    await expect(signUpWithInvite({ secret: expired.secret, clientAddress, input: signUp(uniqueEmail("x")) })).rejects.toMatchObject({
      code: "GONE",
      message: expect.stringContaining("expired"),
    });
    expect((await findInviteLink(expired.secret)).status).toBe("expired");

    const revoked = await newInvite({ maxUses: 10 });
    await revokeInvite({ actor: revoked.admin, input: { inviteId: revoked.invite.id } });
    await expect(signUpWithInvite({ secret: revoked.secret, clientAddress, input: signUp(uniqueEmail("x")) })).rejects.toMatchObject({
      code: "GONE",
      message: expect.stringContaining("withdrawn"),
    });
    expect((await findInviteLink(revoked.secret)).status).toBe("revoked");
    expect((await storedInvite(revoked.invite.id)).uses).toBe(0);
    expect((await findInvites()).find((invite) => invite.id === revoked.invite.id)).toMatchObject({ status: "revoked", uses: 0, maxUses: 10 });
  });

  it("says an unknown link is unknown", async () => {
    expect(await findInviteLink("not-a-real-secret")).toEqual({ status: "unknown", role: null, groupName: null });
    await expect(signUpWithInvite({ secret: "not-a-real-secret", clientAddress, input: signUp(uniqueEmail("x")) })).rejects.toMatchObject({
      code: "GONE",
      message: expect.stringContaining("not known"),
    });
  });

  it("refuses an email already registered and gives the use back", async () => {
    const existing = await createTestUser();
    const { invite, secret } = await newInvite();
    await expect(signUpWithInvite({ secret, clientAddress, input: signUp(existing.email) })).rejects.toMatchObject({
      code: "CONFLICT",
      details: [{ field: "email", message: "already registered" }],
    });
    expect((await storedInvite(invite.id)).uses).toBe(0);
    expect((await db().user.findUniqueOrThrow({ where: { id: existing.id } })).role).toBe("WORKER");
  });

  it("refuses passwords that differ, naming the field, and uses nothing", async () => {
    const { invite, secret } = await newInvite();
    await expect(signUpWithInvite({ secret, clientAddress, input: { ...signUp(uniqueEmail("x")), passwordAgain: "something-else" } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [expect.objectContaining({ field: "passwordAgain" })],
    });
    expect((await storedInvite(invite.id)).uses).toBe(0);
  });
});
