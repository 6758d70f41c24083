// Starting the job workers while the database cannot be reached: exports queued meanwhile must still run.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { queueExport } from "@/lib/data/exports";
import type { Actor } from "@/lib/data/users";
import { db, pool } from "@/lib/db/prisma";
import { stopQueue } from "@/lib/jobs/queue";
import { startJobWorkers, stopJobWorkers } from "@/lib/jobs/workers";
import { createLargeExportProject } from "@/lib/testing/export-fixture";
import { createTestUser } from "@/lib/testing/factories";

// Nothing listens on port 1: connecting fails at once, as with a database that is not up yet.
const UNREACHABLE = "postgresql://postgres@127.0.0.1:1/preflab_unreachable";

let databaseUrl: string;
let exportDir: string;
let researcher: Actor;
let projectSlug: string;

beforeAll(async () => {
  databaseUrl = process.env.DATABASE_URL!;
  exportDir = await fs.mkdtemp(path.join(os.tmpdir(), "preflab-workers-"));
  process.env.EXPORT_DIR = exportDir;
  researcher = await createTestUser("RESEARCHER");
  ({ slug: projectSlug } = await createLargeExportProject({ slug: "workers-retry", items: 3, textChars: 10 }));
  // The app's own connections are made now, while the database is reachable; only the queue is pointed away.
  await pool().query("SELECT 1");
});

afterAll(async () => {
  process.env.DATABASE_URL = databaseUrl;
  await stopJobWorkers();
  await fs.rm(exportDir, { recursive: true, force: true });
  delete process.env.EXPORT_DIR;
});

/** An export queued while the queue was up, then the queue stopped, as in a process that restarts. */
async function queueAnExport(): Promise<string> {
  const view = await queueExport({ actor: researcher, input: { format: "trl", projects: [projectSlug] } });
  await stopQueue();
  return view.id;
}

async function statusOf(exportId: string): Promise<string> {
  return (await db().export.findUniqueOrThrow({ where: { id: exportId }, select: { status: true } })).status;
}

function captureConsoleErrors() {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    lines.push(args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(" "));
  });
  return { lines, restore: () => spy.mockRestore() };
}

const failedStart = /^\[jobs\] could not start the job workers \(attempt (\d+), (trying again in \d+ ms|giving up)\): /;

describe("starting the job workers", () => {
  it("retries with a backoff, logging each failure, until the database is reachable; then runs the queued export", async () => {
    const exportId = await queueAnExport();
    process.env.DATABASE_URL = UNREACHABLE;
    const logged = captureConsoleErrors();
    let started: Promise<void>;
    try {
      started = startJobWorkers({ firstDelayMs: 100, maxDelayMs: 400 });
      await vi.waitFor(() => expect(logged.lines.filter((line) => failedStart.test(line)).length).toBeGreaterThanOrEqual(3), { timeout: 20_000, interval: 50 });
      expect(await statusOf(exportId)).toBe("QUEUED");
      process.env.DATABASE_URL = databaseUrl;
      await started;
    } finally {
      process.env.DATABASE_URL = databaseUrl;
      logged.restore();
    }
    const failures = logged.lines.filter((line) => failedStart.test(line));
    expect(failures[0]).toMatch(/^\[jobs\] could not start the job workers \(attempt 1, trying again in 100 ms\): .*ECONNREFUSED/);
    expect(failures[1]).toMatch(/\(attempt 2, trying again in 200 ms\)/);
    expect(failures[2]).toMatch(/\(attempt 3, trying again in 400 ms\)/);
    await vi.waitFor(async () => expect(await statusOf(exportId)).toBe("COMPLETE"), { timeout: 30_000, interval: 200 });
  });

  it("starts them on a later call when an earlier one gave up", async () => {
    await stopJobWorkers();
    const exportId = await queueAnExport();
    process.env.DATABASE_URL = UNREACHABLE;
    const logged = captureConsoleErrors();
    try {
      await expect(startJobWorkers({ attempts: 1 })).rejects.toThrow(/ECONNREFUSED/);
    } finally {
      process.env.DATABASE_URL = databaseUrl;
      logged.restore();
    }
    expect(logged.lines.filter((line) => failedStart.test(line))).toEqual([expect.stringContaining("(attempt 1, giving up)")]);
    await startJobWorkers();
    await vi.waitFor(async () => expect(await statusOf(exportId)).toBe("COMPLETE"), { timeout: 30_000, interval: 200 });
  });
});
