import { randomBytes, scryptSync } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { hashPassword, needsRehash, passwordHashCost, verifyDummyPassword, verifyPassword } from "@/lib/auth/password";

// Tests hash at 2^14 (vitest.config.mts); these set the cost themselves and put it back.
const testCost = process.env.PASSWORD_HASH_COST;
afterEach(() => {
  process.env.PASSWORD_HASH_COST = testCost;
});

/** A hash in the stored format, made at any cost, as older versions of Preflab made them. */
function hashAt(password: string, { N, r, p }: { N: number; r: number; p: number }): string {
  const salt = randomBytes(16);
  const key = scryptSync(password, salt, 64, { N, r, p, maxmem: 256 * N * r });
  return ["scrypt", N, r, p, salt.toString("base64"), key.toString("base64")].join("$");
}

describe("password hashing", () => {
  it("hashes at OWASP's recommended scrypt cost by default: N=2^17, r=8, p=1", async () => {
    delete process.env.PASSWORD_HASH_COST;
    expect(passwordHashCost()).toEqual({ N: 2 ** 17, r: 8, p: 1 });
    // One real hash at that cost: 128 MiB, past Node's default 32 MiB ceiling, so it proves maxmem is set.
    const stored = await hashPassword("correct horse battery staple");
    expect(stored).toMatch(/^scrypt\$131072\$8\$1\$[A-Za-z0-9+/=]+\$[A-Za-z0-9+/=]+$/);
    expect(await verifyPassword("correct horse battery staple", stored)).toBe(true);
    expect(await verifyPassword("correct horse battery stapler", stored)).toBe(false);
    expect(needsRehash(stored)).toBe(false);
    // Three hashes at full cost: about a second alone, several on a busy machine.
  }, 60_000);

  it("still verifies a hash made at an older, lower cost, and marks it to be redone", async () => {
    const old = hashAt("an old password", { N: 2 ** 14, r: 8, p: 1 });
    process.env.PASSWORD_HASH_COST = "15";
    expect(await verifyPassword("an old password", old)).toBe(true);
    expect(await verifyPassword("another password", old)).toBe(false);
    expect(needsRehash(old)).toBe(true);
    expect(needsRehash(await hashPassword("a new password"))).toBe(false);
    // A stronger hash than today's is left alone: lowering the cost never weakens stored hashes.
    process.env.PASSWORD_HASH_COST = "14";
    expect(needsRehash(hashAt("x", { N: 2 ** 15, r: 8, p: 1 }))).toBe(false);
  });

  it("refuses damaged or absurd stored hashes without computing them", async () => {
    const good = hashAt("pw", { N: 2 ** 14, r: 8, p: 1 });
    const [, , , , salt, key] = good.split("$");
    for (const stored of ["", "bcrypt$2b$10$abc", `scrypt$1$8$1$${salt}$${key}`, `scrypt$3000$8$1$${salt}$${key}`, `scrypt$${2 ** 30}$8$1$${salt}$${key}`]) {
      expect(await verifyPassword("pw", stored)).toBe(false);
      expect(needsRehash(stored)).toBe(true);
    }
  });

  it("does a password check's work against a hash of nothing, and always refuses", async () => {
    expect(await verifyDummyPassword("anything")).toBe(false);
    expect(await verifyDummyPassword("")).toBe(false);
  });
});
