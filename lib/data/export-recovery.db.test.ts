// Exports left RUNNING by a process that stopped: each crash is simulated by the row it leaves behind,
// RUNNING with a heartbeat from minutes ago and its job taken by the dead worker.
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { claimQueuedExport, recordCompletion, startHeartbeat } from "@/lib/data/export-runs";
import { EXPORT_MAX_ATTEMPTS, recoverStaleExports } from "@/lib/data/export-recovery";
import { queueExport, streamExport } from "@/lib/data/exports";
import type { Actor } from "@/lib/data/users";
import { db, pool } from "@/lib/db/prisma";
import { exportFilePath } from "@/lib/exports/export-files";
import type { ExportOptionsInput } from "@/lib/exports/export-options";
import type { ExportManifest } from "@/lib/exports/manifest";
import { QUEUES } from "@/lib/jobs/queue";
import { startJobWorkers, stopJobWorkers } from "@/lib/jobs/workers";
import { createLargeExportProject, exportToBuffer } from "@/lib/testing/export-fixture";
import { createTestUser } from "@/lib/testing/factories";

let researcher: Actor;
let slug: string;
let exportDir: string;

beforeAll(async () => {
  exportDir = await fs.mkdtemp(path.join(os.tmpdir(), "preflab-export-recovery-"));
  vi.stubEnv("EXPORT_DIR", exportDir);
  researcher = await createTestUser("RESEARCHER");
  ({ slug } = await createLargeExportProject({ slug: "recovery", items: 12, textChars: 30 }));
});

afterAll(async () => {
  await stopJobWorkers();
  vi.unstubAllEnvs();
  await fs.rm(exportDir, { recursive: true, force: true });
});

/** The row a process leaves when it dies `minutesAgo` into its `attempts`-th run of the export. */
async function leaveRunning(exportId: string, { attempts, minutesAgo = 10 }: { attempts: number; minutesAgo?: number }) {
  await pool().query(
    `UPDATE exports SET status = 'RUNNING', attempts = $2, judgments_read = 5, started_at = now() - make_interval(mins => $3 + 1),
       heartbeat_at = now() - make_interval(mins => $3) WHERE id = $1`,
    [exportId, attempts, minutesAgo],
  );
  // The dead worker had taken the job: the queue will not hand it out again for a long while.
  await pool().query("UPDATE pgboss.job SET state = 'active', started_on = now() WHERE data->>'exportId' = $1", [exportId]);
}

const recordOf = (exportId: string) => db().export.findUniqueOrThrow({ where: { id: exportId } });

describe("a background export left RUNNING by a process that crashed", () => {
  it("is re-queued when the workers start, and completes with the same bytes as an export made now", async () => {
    const input: ExportOptionsInput = { format: "trl", fileType: "jsonl", projects: [slug] };
    const view = await queueExport({ actor: researcher, input });
    await leaveRunning(view.id, { attempts: 1 });

    await startJobWorkers();
    await vi.waitFor(async () => expect((await recordOf(view.id)).status).toBe("COMPLETE"), { timeout: 30_000, interval: 200 });

    const record = await recordOf(view.id);
    expect(record).toMatchObject({ attempts: 2, error: null, judgmentsRead: 12, rowCount: 12 });
    const bytes = await fs.readFile(exportFilePath(view.id, { fileType: "jsonl" }));
    expect(bytes).toEqual((await exportToBuffer(input)).bytes);
    expect((record.manifest as ExportManifest).file?.bytes).toBe(bytes.length);
    // Only the finished file is left, no attempt's partial one.
    expect(await fs.readdir(exportDir)).toEqual([`${view.id}.jsonl`]);
    // The tests below stage their crashes with no worker about to take their jobs.
    await stopJobWorkers();
  });

  it(`is failed with a clear message once it has stopped its process ${EXPORT_MAX_ATTEMPTS} times, and no job is sent`, async () => {
    const view = await queueExport({ actor: researcher, input: { format: "kto", projects: [slug] } });
    await leaveRunning(view.id, { attempts: EXPORT_MAX_ATTEMPTS });
    const recovered = await recoverStaleExports();
    expect(recovered).toEqual({ requeued: [], failed: [view.id] });
    expect(await recordOf(view.id)).toMatchObject({
      status: "FAILED",
      error: `The app process running this export stopped ${EXPORT_MAX_ATTEMPTS} times before it ended (a crash or a restart, perhaps for lack of memory); it is not tried again. Run it again, or with fewer projects or dates`,
    });
    const { rows } = await pool().query("SELECT state FROM pgboss.job WHERE name = $1 AND data->>'exportId' = $2", [QUEUES.exportRun, view.id]);
    expect(rows).toEqual([{ state: "active" }]);
  });

  it("is left alone while its heartbeat is fresh", async () => {
    const view = await queueExport({ actor: researcher, input: { format: "ranking", projects: [slug] } });
    await leaveRunning(view.id, { attempts: 1, minutesAgo: 0 });
    expect(await recoverStaleExports()).toEqual({ requeued: [], failed: [] });
    expect((await recordOf(view.id)).status).toBe("RUNNING");
    await pool().query("UPDATE exports SET status = 'FAILED' WHERE id = $1", [view.id]);
  });
});

describe("a streamed export left RUNNING by a process that crashed", () => {
  it("is failed: its client went with the process", async () => {
    const stream = await streamExport({ actor: researcher, input: { format: "trl", projects: [slug] } });
    for await (const chunk of stream.body) void chunk;
    await stream.finished;
    await pool().query("UPDATE exports SET status = 'RUNNING', heartbeat_at = now() - interval '10 minutes' WHERE id = $1", [stream.exportId]);
    expect(await recoverStaleExports()).toEqual({ requeued: [], failed: [stream.exportId] });
    expect(await recordOf(stream.exportId)).toMatchObject({
      status: "FAILED",
      error: "The app process sending this export stopped before it ended (a crash or a restart); run it again",
    });
  });
});

describe("a running export's heartbeat and attempts", () => {
  it("beats while the export runs, and a run replaced after it was thought dead cannot record its result", async () => {
    const view = await queueExport({ actor: researcher, input: { format: "hh-rlhf", projects: [slug] } });
    await pool().query("UPDATE pgboss.job SET state = 'active' WHERE data->>'exportId' = $1", [view.id]);
    const first = (await claimQueuedExport(view.id))!;
    expect(first.attempt).toBe(1);
    expect(await claimQueuedExport(view.id)).toBeNull();

    await pool().query("UPDATE exports SET heartbeat_at = now() - interval '1 hour' WHERE id = $1", [view.id]);
    const heartbeat = startHeartbeat(first, 50);
    try {
      await vi.waitFor(async () => expect((await recordOf(view.id)).heartbeatAt!.getTime()).toBeGreaterThan(Date.now() - 60_000), { timeout: 5_000 });
    } finally {
      heartbeat.stop();
    }

    await pool().query("UPDATE exports SET heartbeat_at = now() - interval '1 hour' WHERE id = $1", [view.id]);
    expect((await recoverStaleExports()).requeued).toEqual([view.id]);
    const second = (await claimQueuedExport(view.id))!;
    expect(second.attempt).toBe(2);
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    try {
      const manifest = { counts: { rows: 1, judgmentsRead: 1 } } as ExportManifest;
      expect(await recordCompletion(first, manifest)).toBe(false);
      expect(warn).toHaveBeenCalledWith(`[exports] export ${view.id} finished attempt 1 after it was given to another; its result is not recorded`);
    } finally {
      warn.mockRestore();
    }
    expect(await recordOf(view.id)).toMatchObject({ status: "RUNNING", attempts: 2 });
    await pool().query("UPDATE exports SET status = 'FAILED' WHERE id = $1", [view.id]);
  });
});

describe("the recovery schedule", () => {
  it("has the queue look for stopped exports every minute", async () => {
    await startJobWorkers();
    const { rows } = await pool().query("SELECT cron FROM pgboss.schedule WHERE name = $1", [QUEUES.exportRecovery]);
    expect(rows).toEqual([{ cron: "* * * * *" }]);
  });
});
