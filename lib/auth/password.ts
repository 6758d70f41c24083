// Password hashing with Node's scrypt: no native module. Each hash carries its parameters, so one made
// at an older cost still verifies, and sign-in redoes it at today's (lib/data/users.ts).
import { randomBytes, scrypt as scryptCallback, timingSafeEqual } from "node:crypto";
import { env } from "@/lib/env";

const KEY_LENGTH = 64;

type Cost = { N: number; r: number; p: number };

/**
 * OWASP's Password Storage Cheat Sheet: N=2^17, r=8, p=1, which takes 128 MiB and about a third of a
 * second. PASSWORD_HASH_COST is N's power of two; tests lower it. At most libuv's four threads hash at
 * once, so a burst of sign-ins holds at most 512 MiB.
 */
export function passwordHashCost(): Cost {
  return { N: 2 ** env().PASSWORD_HASH_COST, r: 8, p: 1 };
}

// scrypt needs 128·r·(N+p+2) bytes; Node refuses anything over 32 MiB unless it is told the maximum.
function scrypt(password: string, salt: Buffer, keyLength: number, { N, r, p }: Cost): Promise<Buffer> {
  const options = { N, r, p, maxmem: 128 * r * (N + p + 2) };
  return new Promise((resolve, reject) => scryptCallback(password, salt, keyLength, options, (error, key) => (error ? reject(error) : resolve(key))));
}

/** "scrypt$N$r$p$salt$hash", base64 parts. */
export async function hashPassword(password: string): Promise<string> {
  const cost = passwordHashCost();
  const salt = randomBytes(16);
  const key = await scrypt(password, salt, KEY_LENGTH, cost);
  return ["scrypt", cost.N, cost.r, cost.p, salt.toString("base64"), key.toString("base64")].join("$");
}

type StoredHash = Cost & { salt: Buffer; hash: Buffer };

// Bounds keep a damaged row from asking for gigabytes: nothing Preflab writes goes past N=2^20.
function parseHash(stored: string): StoredHash | null {
  const [scheme, n, r, p, salt, hash] = stored.split("$");
  const cost = { N: Number(n), r: Number(r), p: Number(p) };
  if (scheme !== "scrypt" || !salt || !hash || !within(Math.log2(cost.N), 1, 20) || !within(cost.r, 1, 32) || !within(cost.p, 1, 16)) return null;
  return { ...cost, salt: Buffer.from(salt, "base64"), hash: Buffer.from(hash, "base64") };
}

function within(value: number, min: number, max: number): boolean {
  return Number.isInteger(value) && value >= min && value <= max;
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const parsed = parseHash(stored);
  if (!parsed) return false;
  const key = await scrypt(password, parsed.salt, parsed.hash.length, parsed);
  return timingSafeEqual(key, parsed.hash);
}

/** A hash made at a lower cost than today's, to be redone once the password is known right. */
export function needsRehash(stored: string): boolean {
  const parsed = parseHash(stored);
  const cost = passwordHashCost();
  return !parsed || parsed.N < cost.N || parsed.r < cost.r || parsed.p < cost.p;
}

const dummyHashes = new Map<number, Promise<string>>();

/**
 * The work of checking a password, against a hash of nothing: for emails with no account (or no
 * password), so that how long a refusal takes does not tell which accounts exist. The hash is made
 * once per process and cost.
 */
export async function verifyDummyPassword(password: string): Promise<false> {
  const { N } = passwordHashCost();
  if (!dummyHashes.has(N)) dummyHashes.set(N, hashPassword(randomBytes(16).toString("base64")));
  await verifyPassword(password, await dummyHashes.get(N)!);
  return false;
}
