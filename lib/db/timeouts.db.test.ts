// The limits every pool puts on its sessions (lib/db/connection.ts), each shown firing on a real
// PostgreSQL, and the way long work lifts them for its own transaction only.
import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import type pg from "pg";
import { createPool, createPrismaClient } from "@/lib/db/connection";
import { setTransactionLimits } from "@/lib/db/session-limits";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

const url = () => process.env.DATABASE_URL!;
const pools: pg.Pool[] = [];

function poolWith(timeouts: { connectMs?: number; statementMs?: number; idleInTransactionMs?: number }, { max = 1, at = url() } = {}) {
  const created = createPool(at, max, { timeouts });
  pools.push(created);
  return created;
}

afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(pools.splice(0).map((each) => each.end()));
});

async function sessionAlive(pid: number): Promise<boolean> {
  const observer = poolWith({});
  const { rows } = await observer.query("SELECT 1 FROM pg_stat_activity WHERE pid = $1", [pid]);
  return rows.length > 0;
}

describe("the statement limit", () => {
  it("cancels a statement that runs longer, and the connection goes on serving", async () => {
    const pool = poolWith({ statementMs: 300 });
    await expect(pool.query("SELECT pg_sleep(3)")).rejects.toMatchObject({ code: "57014", message: "canceling statement due to statement timeout" });
    expect((await pool.query("SELECT 42 AS answer")).rows).toEqual([{ answer: 42 }]);
  });

  it("is lifted by setTransactionLimits for that transaction only", async () => {
    const pool = poolWith({ statementMs: 300 });
    const client = await pool.connect();
    try {
      await client.query("BEGIN");
      await setTransactionLimits(client, { statementMs: 0 });
      await client.query("SELECT pg_sleep(0.6)");
      await client.query("COMMIT");
      // The same connection, back at the pool's limit.
      await expect(client.query("SELECT pg_sleep(3)")).rejects.toMatchObject({ code: "57014" });
    } finally {
      client.release();
    }
  });
});

describe("the idle-in-transaction limit", () => {
  it("ends a session whose transaction is left open with nothing to do", async () => {
    const pool = poolWith({ idleInTransactionMs: 300 });
    const client = await pool.connect();
    const clientErrors: Error[] = [];
    client.on("error", (error) => clientErrors.push(error));
    await client.query("BEGIN");
    const { rows } = await client.query<{ pid: number }>("SELECT pg_backend_pid() AS pid");
    await vi.waitFor(async () => expect(await sessionAlive(rows[0].pid)).toBe(false), { timeout: 10_000, interval: 100 });
    await expect(client.query("SELECT 1")).rejects.toThrow();
    client.release(true);
    expect(clientErrors.map((error) => error.message).join(" ")).toMatch(/idle-in-transaction timeout|Connection terminated/);
    // The pool makes a new connection for the next caller.
    expect((await pool.query("SELECT 1 AS one")).rows).toEqual([{ one: 1 }]);
  });
});

describe("the connect limit", () => {
  it("gives up on a server that accepts the connection but never answers, as a database out of reach", async () => {
    const silent = net.createServer(() => {});
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    try {
      const { port } = silent.address() as net.AddressInfo;
      const pool = poolWith({ connectMs: 300 }, { at: `postgresql://postgres@127.0.0.1:${port}/silent` });
      const error = await pool.query("SELECT 1").catch((caught: unknown) => caught);
      expect((error as Error).message).toMatch(/timeout/);
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      silent.close();
    }
  });

  it("gives up waiting for a free connection of a full pool", async () => {
    const pool = poolWith({ connectMs: 300 });
    const holder = await pool.connect();
    try {
      const error = await pool.connect().catch((caught: unknown) => caught);
      expect((error as Error).message).toBe("timeout exceeded when trying to connect");
      expect(isDatabaseUnavailable(error)).toBe(true);
    } finally {
      holder.release();
    }
  });
});

describe("the limits from the environment", () => {
  it("reach every pg pool and Prisma client", async () => {
    vi.stubEnv("DATABASE_STATEMENT_TIMEOUT_SECONDS", "7");
    vi.stubEnv("DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS", "9");
    const pool = createPool(url(), 1);
    pools.push(pool);
    const settings = "SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle";
    expect((await pool.query(settings)).rows).toEqual([{ statement: "7s", idle: "9s" }]);
    const prisma = createPrismaClient(url(), 1);
    try {
      expect(await prisma.$queryRawUnsafe(settings)).toEqual([{ statement: "7s", idle: "9s" }]);
    } finally {
      await prisma.$disconnect();
    }
  });

  it("are a minute each by default", async () => {
    const pool = createPool(url(), 1);
    pools.push(pool);
    const { rows } = await pool.query(
      "SELECT current_setting('statement_timeout') AS statement, current_setting('idle_in_transaction_session_timeout') AS idle",
    );
    expect(rows).toEqual([{ statement: "1min", idle: "1min" }]);
  });
});
