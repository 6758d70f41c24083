// Rate limits that hold across app processes: rate-limiter-flexible counts in PostgreSQL, one atomic
// upsert per attempt (INSERT ... ON CONFLICT ... RETURNING), so every process sees the same counts.
// Nothing is kept in memory (its in-memory block is left off); the limiter objects below hold settings.
import "server-only";
import { createHash } from "node:crypto";
import type pg from "pg";
import { RateLimiterPostgres, RateLimiterRes } from "rate-limiter-flexible";
import { pool } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { RATE_LIMIT_POLICIES, type RateLimitPolicy, type RateLimitPolicyName } from "@/lib/rate-limit-policies";

// The table is made by a Prisma migration (20261215000000_rate_limits), in the shape the library's own
// CREATE TABLE gives it, rather than by the library on first use (tableCreated: true): it is there before
// the first request, schema.prisma knows it (a later migration does not drop it), and the app's database
// user needs no right to create tables. One table for every policy; the key starts with the policy's name.
const TABLE = "rate_limits";

const limiters = new WeakMap<pg.Pool, Map<string, RateLimiterPostgres>>();

function limiterFor(name: RateLimitPolicyName, store: pg.Pool): RateLimiterPostgres {
  const policy = RATE_LIMIT_POLICIES[name];
  const points = env().RATE_LIMITS[name] ?? policy.points;
  const byPolicy = limiters.get(store) ?? new Map<string, RateLimiterPostgres>();
  limiters.set(store, byPolicy);
  const id = `${name}:${points}`;
  let limiter = byPolicy.get(id);
  if (!limiter) {
    limiter = new RateLimiterPostgres({
      storeClient: store,
      storeType: "pool",
      tableName: TABLE,
      tableCreated: true,
      keyPrefix: name,
      points,
      duration: policy.windowSeconds,
      blockDuration: policy.blockSeconds ?? 0,
      // The library deletes counters that ended an hour ago every five minutes, from the whole table:
      // one limiter per pool doing it is enough.
      clearExpiredByTimeout: byPolicy.size === 0,
    });
    byPolicy.set(id, limiter);
  }
  return limiter;
}

export type RateLimit = { policy: RateLimitPolicyName; key: string };

export type Counted = {
  /** Gives the attempts back, for one that turned out not to count (a right password). */
  refund: () => Promise<void>;
};

/**
 * Counts one attempt against each limit in turn, and throws RATE_LIMITED, with the seconds to wait,
 * at the first that is over. `store` is the app's pool unless a test brings another.
 */
export async function enforceRateLimit(limits: RateLimit | RateLimit[], { store = pool() }: { store?: pg.Pool } = {}): Promise<Counted> {
  const counted: { limiter: RateLimiterPostgres; key: string }[] = [];
  for (const { policy, key } of [limits].flat()) {
    const limiter = limiterFor(policy, store);
    const storedKey = hashKey(key);
    try {
      await limiter.consume(storedKey);
    } catch (refusal) {
      // The library refuses with its result object; anything else is the database failing.
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      const retryAfterSeconds = Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
      throw new AppError("RATE_LIMITED", rateLimitMessage(RATE_LIMIT_POLICIES[policy].what, retryAfterSeconds), [], { retryAfterSeconds });
    }
    counted.push({ limiter, key: storedKey });
  }
  return { refund: async () => void (await Promise.all(counted.map(({ limiter, key }) => limiter.reward(key, 1)))) };
}

// Hashed: the table holds no emails or addresses, and every key fits its 255 characters.
function hashKey(key: string): string {
  return createHash("sha256").update(key).digest("base64url");
}

/** "Too many attempts; try again in 5 minutes" */
export function rateLimitMessage(what: RateLimitPolicy["what"], retryAfterSeconds: number): string {
  return `Too many ${what}; try again in ${describeWait(retryAfterSeconds)}`;
}

export function describeWait(seconds: number): string {
  if (seconds < 60) return seconds === 1 ? "1 second" : `${seconds} seconds`;
  const minutes = Math.ceil(seconds / 60);
  return minutes === 1 ? "1 minute" : `${minutes} minutes`;
}
