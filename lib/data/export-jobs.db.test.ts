import { createHash } from "node:crypto";
import fs from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { errorResponse } from "@/lib/api/responses";
import { expireOldExports, openExportFile, queueExport, runQueuedExport, streamExport } from "@/lib/data/exports";
import type { Actor } from "@/lib/data/users";
import { db, pool } from "@/lib/db/prisma";
import { exportFilePath } from "@/lib/exports/export-files";
import type { ExportOptionsInput } from "@/lib/exports/export-options";
import type { ExportManifest } from "@/lib/exports/manifest";
import { QUEUES, stopQueue } from "@/lib/jobs/queue";
import { startJobWorkers } from "@/lib/jobs/workers";
import { createExportFixture, createLargeExportProject, exportToBuffer, type ExportFixture } from "@/lib/testing/export-fixture";
import { createTestUser } from "@/lib/testing/factories";

const DAY_MS = 86_400_000;

let researcher: Actor;
let fixture: ExportFixture;
let exportDir: string;

beforeAll(async () => {
  exportDir = await fs.mkdtemp(path.join(os.tmpdir(), "preflab-export-jobs-"));
  process.env.EXPORT_DIR = exportDir;
  researcher = await createTestUser("RESEARCHER");
  fixture = await createExportFixture({ namespace: 2, prefix: "jobs" });
});

afterAll(async () => {
  await stopQueue();
  await fs.rm(exportDir, { recursive: true, force: true });
  delete process.env.EXPORT_DIR;
});

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

async function jobsFor(exportId: string) {
  const { rows } = await pool().query<{ name: string; state: string }>("SELECT name, state FROM pgboss.job WHERE data->>'exportId' = $1", [exportId]);
  return rows;
}

async function waitForStatus(exportId: string, done: (status: string) => boolean, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const record = await db().export.findUniqueOrThrow({ where: { id: exportId } });
    if (done(record.status) || Date.now() > deadline) return record;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe("a background export, job run by hand", () => {
  const input: ExportOptionsInput = { format: "trl", fileType: "jsonl", projects: ["jobs-red-team", "jobs-helpful"], aggregation: "majority" };
  let exportId: string;

  it("is queued as a file export with a job on the export queue", async () => {
    const view = await queueExport({ actor: researcher, input });
    exportId = view.id;
    expect(view).toMatchObject({ status: "QUEUED", delivery: "file", format: "trl", fileType: "jsonl", requestedBy: researcher.email, progress: 0 });
    const record = await db().export.findUniqueOrThrow({ where: { id: exportId } });
    expect(record).toMatchObject({ status: "QUEUED", delivery: "file", requestedById: researcher.id, startedAt: null, manifest: null });
    // The options are stored normalised: projects sorted, defaults filled in.
    expect(record.options).toMatchObject({
      projects: ["jobs-helpful", "jobs-red-team"],
      aggregation: "majority",
      testFraction: 0,
      excludeBlockedAnnotators: true,
    });
    expect(await jobsFor(exportId)).toEqual([{ name: QUEUES.exportRun, state: "created" }]);
  });

  it("writes the file when the job runs, and records it complete with its size, hash and manifest", async () => {
    const startedAt = Date.now();
    await runQueuedExport(exportId);
    const record = await db().export.findUniqueOrThrow({ where: { id: exportId } });
    const filePath = exportFilePath(exportId, { fileType: "jsonl" });
    const bytes = await fs.readFile(filePath);

    expect(bytes).toEqual((await exportToBuffer(input)).bytes);
    expect(record).toMatchObject({ status: "COMPLETE", byteSize: BigInt(bytes.length), sha256: sha256(bytes), error: null });
    // Both projects' judgments, dan's included: progress counts what is read, not what is kept.
    const helpfulAndRedTeam = 13 + 6;
    expect(record).toMatchObject({ judgmentsTotal: helpfulAndRedTeam, judgmentsRead: helpfulAndRedTeam });
    expect(record.expiresAt!.getTime() - startedAt).toBeGreaterThanOrEqual(7 * DAY_MS);
    expect(record.expiresAt!.getTime() - Date.now()).toBeLessThanOrEqual(7 * DAY_MS);
    const manifest = record.manifest as ExportManifest;
    expect(manifest.file).toEqual({ bytes: bytes.length, sha256: sha256(bytes) });
    expect(manifest.counts.judgmentsRead).toBe(helpfulAndRedTeam);
    expect(record.rowCount).toBe(manifest.counts.rows);
    expect(bytes.toString("utf8").split("\n").filter(Boolean)).toHaveLength(manifest.counts.rows);
    expect(await fs.readdir(exportDir)).toEqual([path.basename(filePath)]);
  });

  it("is opened for download", async () => {
    const file = await openExportFile({ exportId });
    const bytes = await fs.readFile(file.path);
    expect(file).toMatchObject({ size: bytes.length, sha256: sha256(bytes), contentType: "application/jsonl; charset=utf-8" });
    expect(file.filename).toMatch(/^preflab-jobs-helpful-jobs-red-team-trl-\d{4}-\d{2}-\d{2}\.jsonl$/);
  });

  it("is expired after its retention: the file deleted, the record EXPIRED, the download GONE", async () => {
    await expireOldExports(new Date(Date.now() + DAY_MS));
    expect(await db().export.findUniqueOrThrow({ where: { id: exportId } })).toMatchObject({ status: "COMPLETE" });
    expect((await openExportFile({ exportId })).size).toBeGreaterThan(0);

    expect(await expireOldExports(new Date(Date.now() + 8 * DAY_MS))).toBeGreaterThanOrEqual(1);
    await expect(fs.stat(exportFilePath(exportId, { fileType: "jsonl" }))).rejects.toMatchObject({ code: "ENOENT" });
    expect(await db().export.findUniqueOrThrow({ where: { id: exportId } })).toMatchObject({ status: "EXPIRED" });
    await expect(openExportFile({ exportId })).rejects.toMatchObject({ code: "GONE" });
  });
});

describe("export requests that are refused", () => {
  it("names the projects field for an unknown project slug, and records nothing", async () => {
    const before = await db().export.count();
    await expect(queueExport({ actor: researcher, input: { format: "trl", projects: ["jobs-helpful", "no-such-project"] } })).rejects.toMatchObject({
      code: "NOT_FOUND",
      message: expect.stringContaining('"no-such-project"'),
      details: [{ field: "projects", message: "unknown project" }],
    });
    expect(await db().export.count()).toBe(before);
  });

  it("gives field details for invalid options", async () => {
    const input = { format: "parquet-please", projects: [], testFraction: 0.9 };
    const error = await queueExport({ actor: researcher, input }).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "INVALID_INPUT" });
    const fields = (error as { details: { field?: string }[] }).details.map((detail) => detail.field);
    expect(fields.sort()).toEqual(["format", "projects", "testFraction"]);
  });

  it("refuses to stream a Hugging Face dataset, which is only built in the background", async () => {
    const before = await db().export.count();
    await expect(streamExport({ actor: researcher, input: { format: "trl", fileType: "hf-dataset", projects: ["jobs-helpful"] } })).rejects.toMatchObject({
      code: "INVALID_INPUT",
      details: [expect.objectContaining({ field: "fileType" })],
    });
    expect(await db().export.count()).toBe(before);
  });
});

/**
 * Makes PostgreSQL refuse, for exports of one project, the update from RUNNING to `toStatus`: RUNNING
 * for the progress writes, COMPLETE for the final record. Returns the function that lifts it.
 */
async function refuseExportUpdates({ projectSlug, toStatus }: { projectSlug: string; toStatus: "RUNNING" | "COMPLETE" }) {
  await pool().query(`CREATE OR REPLACE FUNCTION test_refuse_export_update() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF OLD.status::text = 'RUNNING' AND NEW.status::text = TG_ARGV[1] AND NEW.options->'projects' @> to_jsonb(TG_ARGV[0]) THEN
        RAISE EXCEPTION 'test: the database refused this update of export %', NEW.id;
      END IF;
      RETURN NEW;
    END $$`);
  await pool().query(
    `CREATE TRIGGER test_refuse_export_update BEFORE UPDATE ON exports FOR EACH ROW EXECUTE FUNCTION test_refuse_export_update('${projectSlug}', '${toStatus}')`,
  );
  return async () => {
    await pool().query("DROP TRIGGER test_refuse_export_update ON exports");
    await pool().query("DROP FUNCTION test_refuse_export_update()");
  };
}

/** What console.error is given until restore(), one line per call (errors by their message). */
function captureConsoleErrors() {
  const lines: string[] = [];
  const spy = vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => {
    lines.push(args.map((arg) => (arg instanceof Error ? arg.message : String(arg))).join(" "));
  });
  return { lines, restore: () => spy.mockRestore() };
}

describe("an export whose progress or final record cannot be written", () => {
  it("logs a failed progress write with the export id and still completes the export", async () => {
    const { slug } = await createLargeExportProject({ slug: "jobs-progress", items: 20, textChars: 10 });
    const view = await queueExport({ actor: researcher, input: { format: "trl", projects: [slug] } });
    const lift = await refuseExportUpdates({ projectSlug: slug, toStatus: "RUNNING" });
    const logged = captureConsoleErrors();
    try {
      await runQueuedExport(view.id);
    } finally {
      logged.restore();
      await lift();
    }
    expect(logged.lines).toContain(`[exports] could not record the progress of export ${view.id}: test: the database refused this update of export ${view.id}`);
    const record = await db().export.findUniqueOrThrow({ where: { id: view.id } });
    expect(record).toMatchObject({ status: "COMPLETE", judgmentsRead: 20, rowCount: 20, error: null });
    expect((await fs.readFile(exportFilePath(view.id, { fileType: "jsonl" }), "utf8")).split("\n").filter(Boolean)).toHaveLength(20);
  });

  it("logs a streamed export whose final record fails, records it FAILED and cuts the download", async () => {
    const { slug } = await createLargeExportProject({ slug: "jobs-unrecorded", items: 3, textChars: 10 });
    const lift = await refuseExportUpdates({ projectSlug: slug, toStatus: "COMPLETE" });
    const logged = captureConsoleErrors();
    let exportId: string;
    let readError: unknown;
    try {
      const stream = await streamExport({ actor: researcher, input: { format: "trl", projects: [slug] } });
      exportId = stream.exportId;
      try {
        for await (const chunk of stream.body) void chunk;
      } catch (error) {
        readError = error;
      }
      await waitForStatus(exportId, (status) => status !== "RUNNING", 10_000);
      await vi.waitFor(() => expect(logged.lines.some((line) => line.startsWith(`[exports] streamed export ${exportId} failed:`))).toBe(true));
    } finally {
      logged.restore();
      await lift();
    }
    expect(readError).toBeInstanceOf(Error);
    expect(logged.lines).toContain(`[exports] streamed export ${exportId} failed: test: the database refused this update of export ${exportId}`);
    expect(await db().export.findUniqueOrThrow({ where: { id: exportId } })).toMatchObject({
      status: "FAILED",
      error: `test: the database refused this update of export ${exportId}`,
    });
  });
});

describe("downloading the file of a complete export", () => {
  let exportId: string;
  let filePath: string;

  beforeAll(async () => {
    const view = await queueExport({ actor: researcher, input: { format: "trl", projects: ["jobs-helpful"] } });
    exportId = view.id;
    filePath = exportFilePath(exportId, { fileType: "jsonl" });
    await runQueuedExport(exportId);
  });

  it("is NOT_FOUND when the file is missing", async () => {
    await fs.rm(filePath);
    await expect(openExportFile({ exportId })).rejects.toMatchObject({ code: "NOT_FOUND", message: "This export's file is missing" });
  });

  it("is an internal error naming the path, logged and answered 500, when the file cannot be read", async () => {
    await fs.mkdir(filePath);
    try {
      const error = await openExportFile({ exportId }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(Error);
      expect(error).not.toHaveProperty("code");
      expect((error as Error).message).toBe(`Could not read the file ${filePath}: it is not a regular file`);
      const logged = vi.spyOn(console, "error").mockImplementation(() => {});
      try {
        const response = errorResponse(error);
        expect(response.status).toBe(500);
        expect(await response.json()).toEqual({ error: { code: "INTERNAL", message: "Something went wrong on the server; it has been logged" } });
        expect(logged).toHaveBeenCalledWith(error);
      } finally {
        logged.mockRestore();
      }
    } finally {
      await fs.rmdir(filePath);
    }

    // EXPORT_DIR pointing at a file (ENOTDIR) is a misconfiguration, not a missing export.
    const notAFolder = path.join(exportDir, "not-a-folder");
    await fs.writeFile(notAFolder, "");
    process.env.EXPORT_DIR = notAFolder;
    try {
      const error = await openExportFile({ exportId }).catch((caught: unknown) => caught);
      expect(error).not.toHaveProperty("code", "NOT_FOUND");
      expect((error as Error).message).toMatch(new RegExp(`^Could not read the file ${notAFolder}/${exportId}\\.jsonl: ENOTDIR`));
    } finally {
      process.env.EXPORT_DIR = exportDir;
      await fs.rm(notAFolder);
    }
  });
});

describe("a streamed export whose reader goes away", () => {
  it("ends with its record FAILED, not RUNNING", async () => {
    const { slug } = await createLargeExportProject({ slug: "jobs-large", items: 200, textChars: 10_000 });
    const stream = await streamExport({ actor: researcher, input: { format: "trl", projects: [slug] } });
    stream.finished.catch(() => undefined);
    // Read one chunk of a file of several megabytes, then hang up.
    await new Promise<void>((resolve) => stream.body.once("data", () => resolve()));
    stream.body.destroy();
    const logged = captureConsoleErrors();
    let record;
    try {
      record = await waitForStatus(stream.exportId, (status) => status !== "RUNNING", 10_000);
      await new Promise((resolve) => setTimeout(resolve, 100));
    } finally {
      logged.restore();
    }
    expect(record.status).toBe("FAILED");
    expect(record.error).toBe("the export's reader went away before it ended");
    // A client hanging up is no fault of the server: nothing is logged as a failure.
    expect(logged.lines).toEqual([]);
  });
});

describe("a background export through the real queue", () => {
  it("is run by the job workers until COMPLETE", async () => {
    await startJobWorkers();
    const view = await queueExport({ actor: researcher, input: { format: "kto", fileType: "parquet", projects: fixture.projects } });
    const record = await waitForStatus(view.id, (status) => status === "COMPLETE" || status === "FAILED", 30_000);
    expect(record).toMatchObject({ status: "COMPLETE", judgmentsTotal: fixture.judgments, judgmentsRead: fixture.judgments });
    const bytes = await fs.readFile(exportFilePath(view.id, { fileType: "parquet" }));
    expect(bytes.subarray(0, 4).toString("latin1")).toBe("PAR1");
    expect(record.sha256).toBe(sha256(bytes));
    // The queue marks the job completed only after its handler has recorded the export COMPLETE.
    await vi.waitFor(async () => expect(await jobsFor(view.id)).toEqual([{ name: QUEUES.exportRun, state: "completed" }]), { timeout: 10_000, interval: 100 });
  });
});
