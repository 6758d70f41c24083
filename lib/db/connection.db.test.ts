import { afterEach, describe, expect, it, vi } from "vitest";
import { createPool, createPrismaClient } from "@/lib/db/connection";
import { db } from "@/lib/db/prisma";

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
    expect(await prisma.$queryRaw<{ answer: number }[]>`SELECT 42 AS answer`).toEqual([{ answer: 42 }]);
    await prisma.$disconnect();
  });
});
