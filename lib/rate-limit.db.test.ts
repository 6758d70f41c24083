import { randomUUID } from "node:crypto";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { createPool } from "@/lib/db/connection";
import { db } from "@/lib/db/prisma";
import { requireDatabaseUrl } from "@/lib/env";
import { enforceRateLimit, type RateLimit } from "@/lib/rate-limit";

const saved = process.env.RATE_LIMITS;
afterEach(() => {
  if (saved === undefined) delete process.env.RATE_LIMITS;
  else process.env.RATE_LIMITS = saved;
});

/** Resolves to "passed", or to the refusal's code and wait. */
async function attempt(limits: RateLimit | RateLimit[], store?: Parameters<typeof enforceRateLimit>[1]) {
  try {
    await enforceRateLimit(limits, store);
    return "passed";
  } catch (error) {
    return error as { code: string; retryAfterSeconds: number };
  }
}

describe("enforceRateLimit", () => {
  // Two app processes are two pools on one database: the count must be the database's, not a process's.
  const pools = [createPool(requireDatabaseUrl(), 4), createPool(requireDatabaseUrl(), 4)];
  afterAll(() => Promise.all(pools.map((pool) => pool.end())));

  it("holds across processes: 30 requests at once through two pools, and exactly the limit's 10 pass", async () => {
    process.env.RATE_LIMITS = "api-token=10";
    const limit = { policy: "api-token", key: `token-${randomUUID()}` } as const;
    const results = await Promise.all(Array.from({ length: 30 }, (_, n) => attempt(limit, { store: pools[n % 2] })));
    expect(results.filter((result) => result === "passed")).toHaveLength(10);
    for (const refusal of results.filter((result) => result !== "passed")) {
      expect(refusal).toMatchObject({ code: "RATE_LIMITED", message: expect.stringMatching(/^Too many requests; try again in (\d+ seconds?|1 minute)$/) });
      expect(refusal.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      expect(refusal.retryAfterSeconds).toBeLessThanOrEqual(60);
    }
    // A third "process" that has never counted anything sees the same count.
    expect(await attempt(limit, { store: createPoolOnce() })).toMatchObject({ code: "RATE_LIMITED" });
  });

  it("keeps a study's entries per client address and per study", async () => {
    process.env.RATE_LIMITS = "study-entry-client=3,study-entry-study=5";
    const entry = (client: string, study: string): RateLimit[] => [
      { policy: "study-entry-client", key: client },
      { policy: "study-entry-study", key: study },
    ];
    const [client, study] = [`client-${randomUUID()}`, `study-${randomUUID()}`];
    // One client, three different studies: the fourth study is refused on the client's count.
    for (let n = 0; n < 3; n++) expect(await attempt(entry(client, `study-${randomUUID()}`))).toBe("passed");
    expect(await attempt(entry(client, `study-${randomUUID()}`))).toMatchObject({ code: "RATE_LIMITED" });
    // One study, many clients: the sixth client is refused on the study's count.
    for (let n = 0; n < 5; n++) expect(await attempt(entry(`client-${randomUUID()}`, study))).toBe("passed");
    expect(await attempt(entry(`client-${randomUUID()}`, study))).toMatchObject({ code: "RATE_LIMITED" });
  });

  it("stores hashed keys, prefixed with the policy, and no email or address", async () => {
    const email = `${randomUUID()}@test.example`;
    await enforceRateLimit({ policy: "sign-in-email", key: email });
    const rows = await db().$queryRaw<
      { key: string; points: number; expire: bigint }[]
    >`SELECT key, points, expire FROM rate_limits WHERE key LIKE 'sign-in-email:%'`;
    expect(rows.some((row) => row.key.includes(email))).toBe(false);
    expect(rows.every((row) => /^sign-in-email:[\w-]{43}$/.test(row.key))).toBe(true);
  });

  it("gives the attempts back when asked, so they no longer count", async () => {
    process.env.RATE_LIMITS = "invite-sign-up-client=2";
    const limit = { policy: "invite-sign-up-client", key: `client-${randomUUID()}` } as const;
    for (let n = 0; n < 5; n++) await (await enforceRateLimit(limit)).refund();
    expect(await attempt(limit)).toBe("passed");
    expect(await attempt(limit)).toBe("passed");
    expect(await attempt(limit)).toMatchObject({ code: "RATE_LIMITED" });
  });

  let third: ReturnType<typeof createPool> | undefined;
  function createPoolOnce() {
    third ??= createPool(requireDatabaseUrl(), 1);
    return third;
  }
  afterAll(async () => {
    await third?.end();
  });
});
