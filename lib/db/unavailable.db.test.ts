// A database out of reach answers 503 with Retry-After, from the errors pg and Prisma really throw:
// a pool pointed at a closed port, a session ended by the server (as a restart ends them), and a
// whole API request while the app's own database cannot be reached.
import net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { POST as claim } from "@/app/api/v1/projects/[slug]/claim/route";
import { errorResponse } from "@/lib/api/responses";
import { createPool, createPrismaClient } from "@/lib/db/connection";
import { db, disconnectDb } from "@/lib/db/prisma";
import { isDatabaseUnavailable } from "@/lib/db/unavailable";
import { generateTokenSecret } from "@/lib/auth/token-secret";

// Unique per run, so a test run beside this one never ends this one's sessions or another's.
const APPLICATION = `preflab_unavailable_test_${process.pid}`;

/** A port nothing listens on: bound, then closed again. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function urlOnClosedPort(): Promise<string> {
  const url = new URL(process.env.DATABASE_URL!);
  url.hostname = "127.0.0.1";
  url.port = String(await closedPort());
  return url.toString();
}

async function caught(promise: Promise<unknown>): Promise<unknown> {
  return promise.then(
    () => expect.unreachable("the query should have failed"),
    (error: unknown) => error,
  );
}

async function expectUnavailable(response: Response) {
  expect(response.status).toBe(503);
  expect(response.headers.get("retry-after")).toBe("5");
  expect(await response.json()).toEqual({ error: { code: "UNAVAILABLE", message: expect.stringContaining("try again"), details: [] } });
}

afterEach(() => vi.restoreAllMocks());

describe("a database out of reach", () => {
  it("is 503 with Retry-After for a pg pool that cannot connect", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const pool = createPool(await urlOnClosedPort(), 1);
    const error = await caught(pool.query("SELECT 1"));
    await pool.end();
    expect(isDatabaseUnavailable(error)).toBe(true);
    await expectUnavailable(errorResponse(error));
  });

  it("is 503 with Retry-After for the Prisma client that cannot connect", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const prisma = createPrismaClient(await urlOnClosedPort(), 1);
    const error = await caught(prisma.user.count());
    await prisma.$disconnect();
    await expectUnavailable(errorResponse(error));
  });

  it("is 503 for a session the server ends mid-query (57P01, as a restart does), through pg and Prisma", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const url = new URL(process.env.DATABASE_URL!);
    url.searchParams.set("application_name", APPLICATION);
    const pool = createPool(url.toString(), 1);
    const prisma = createPrismaClient(url.toString(), 1);
    const queries = [caught(pool.query("SELECT pg_sleep(30)")), caught(prisma.$queryRaw`SELECT pg_sleep(30)`)];
    await vi.waitFor(async () => {
      const running = await db().$queryRaw<
        { pid: number }[]
      >`SELECT pid FROM pg_stat_activity WHERE application_name = ${APPLICATION} AND query LIKE '%pg_sleep%'`;
      expect(running).toHaveLength(2);
    });
    await db().$queryRaw`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = ${APPLICATION}`;
    for (const error of await Promise.all(queries)) await expectUnavailable(errorResponse(error));
    await pool.end();
    await prisma.$disconnect();
  });

  it("makes an API request answer 503 with Retry-After, not 500", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const error = vi.spyOn(console, "error").mockImplementation(() => {});
    const reachable = process.env.DATABASE_URL!;
    process.env.DATABASE_URL = await urlOnClosedPort();
    await disconnectDb();
    try {
      const request = new Request("http://localhost/api/v1/projects/demo/claim", {
        method: "POST",
        headers: { authorization: `Bearer ${generateTokenSecret()}` },
      });
      await expectUnavailable(await claim(request, { params: Promise.resolve({ slug: "demo" }) }));
      expect(error).not.toHaveBeenCalled();
    } finally {
      await disconnectDb();
      process.env.DATABASE_URL = reachable;
    }
    expect(await db().user.count()).toBeGreaterThanOrEqual(0);
  });
});
