import { afterEach, describe, expect, it, vi } from "vitest";
import { createPool, createPrismaClient } from "@/lib/db/connection";
import { db } from "@/lib/db/prisma";
import { inTransaction } from "@/lib/db/sql-runner";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";

// Unique per run, so a test run beside this one (another checkout, a CI job) never ends its sessions.
const APPLICATION = `preflab_idle_connection_test_${process.pid}`;

function urlNamed(application: string) {
  const url = new URL(process.env.DATABASE_URL!);
  url.searchParams.set("application_name", application);
  return url.toString();
}

// Two steps: in one statement PostgreSQL may call pg_terminate_backend before filtering, on every session.
async function endSessionsOf(application: string) {
  const sessions = await db().$queryRaw<{ pid: number }[]>`SELECT pid FROM pg_stat_activity WHERE application_name = ${application}`;
  for (const { pid } of sessions) await db().$queryRaw`SELECT pg_terminate_backend(${pid})`;
  return sessions.length;
}

afterEach(() => vi.restoreAllMocks());

describe("an idle connection closed by the server", () => {
  it("is logged and replaced by the pg pool, and the process carries on", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const pool = createPool(urlNamed(`${APPLICATION}_pool`), 2);
    await pool.query("SELECT 1");
    expect(pool.idleCount).toBe(1);

    expect(await endSessionsOf(`${APPLICATION}_pool`)).toBe(1);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining("an idle connection was closed")), { timeout: 10_000 });
    expect(pool.idleCount).toBe(0);
    expect((await pool.query<{ answer: number }>("SELECT 42 AS answer")).rows).toEqual([{ answer: 42 }]);
    await pool.end();
  });

  it("is logged and replaced by the Prisma client", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const prisma = createPrismaClient(urlNamed(`${APPLICATION}_prisma`), 2);
    await prisma.$queryRaw`SELECT 1`;

    expect(await endSessionsOf(`${APPLICATION}_prisma`)).toBe(1);
    await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining("an idle connection was closed")), { timeout: 10_000 });
    expect(await prisma.$transaction((tx) => tx.$queryRaw<{ answer: number }[]>`SELECT 42 AS answer`)).toEqual([{ answer: 42 }]);
    await prisma.$disconnect();
  });
});

// A connection the server ends while the app holds it, between two statements of a transaction: pg then
// emits 'error' on a client no pool is listening to, which without a listener ends the whole process
// (Vitest fails the run on such an uncaught error).
describe("a connection closed by the server in the middle of a transaction", () => {
  it("fails that transaction only; the process carries on and the next query works", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    vi.spyOn(console, "error").mockImplementation(() => {});
    const application = `${APPLICATION}_transaction`;
    const pool = createPool(urlNamed(application), 2);

    const transaction = inTransaction(pool, async (sql) => {
      await sql.query("SELECT 1");
      expect(await endSessionsOf(application)).toBe(1);
      await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining("a connection in use was closed")), { timeout: 10_000 });
      return sql.query("SELECT 2");
    });
    const error = await transaction.then(
      () => expect.unreachable("the transaction's second statement should have failed"),
      (failure: unknown) => failure,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);

    expect((await pool.query<{ answer: number }>("SELECT 42 AS answer")).rows).toEqual([{ answer: 42 }]);
    expect(pool.totalCount).toBe(1);
    await pool.end();
  });

  it("does the same through the Prisma client's interactive transaction", async () => {
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    const application = `${APPLICATION}_prisma_transaction`;
    // One connection: one the adapter failed to hand back would leave none for the next transaction.
    const prisma = createPrismaClient(urlNamed(application), 1);

    const transaction = prisma.$transaction(async (tx) => {
      await tx.$queryRaw`SELECT 1`;
      expect(await endSessionsOf(application)).toBe(1);
      await vi.waitFor(() => expect(warn).toHaveBeenCalledWith(expect.stringContaining("a connection in use was closed")), { timeout: 10_000 });
      return tx.$queryRaw`SELECT 2`;
    });
    const error = await transaction.then(
      () => expect.unreachable("the transaction's second statement should have failed"),
      (failure: unknown) => failure,
    );
    expect(isDatabaseUnavailable(error)).toBe(true);

    expect(await prisma.$transaction((tx) => tx.$queryRaw<{ answer: number }[]>`SELECT 42 AS answer`)).toEqual([{ answer: 42 }]);
    await prisma.$disconnect();
  });
});
