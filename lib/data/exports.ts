import "server-only";
import fs from "node:fs";
import fsp from "node:fs/promises";
import { PassThrough, type Readable, type Writable } from "node:stream";
import { db, exportPool } from "@/lib/db/prisma";
import { env } from "@/lib/env";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/data/users";
import { exportOptionsSchema, normaliseOptions, type ExportOptions } from "@/lib/exports/export-options";
import { CONTENT_TYPES, exportDirectory, exportFileName, exportFilePath, retentionDays } from "@/lib/exports/export-files";
import { countExportJudgments } from "@/lib/exports/export-source";
import type { ExportManifest } from "@/lib/exports/manifest";
import { runExport } from "@/lib/exports/run-export";
import { takeStreamSlot } from "@/lib/exports/stream-slots";
import { ReaderGoneError, ReaderStalledError } from "@/lib/exports/writers/byte-output";
import {
  claimQueuedExport,
  progressWriter,
  recordCompletion,
  recordFailure,
  recordJudgmentsTotal,
  startHeartbeat,
  type ExportRun,
} from "@/lib/data/export-runs";
import { QUEUES, queue } from "@/lib/jobs/queue";
import { statFile } from "@/lib/stat-file";
import { parseInput } from "@/lib/validations/parse";
import { isId } from "@/lib/validations/ids";

/** Parses the options and checks that every project named exists. */
async function validOptions(input: unknown): Promise<ExportOptions> {
  const options = normaliseOptions(parseInput(exportOptionsSchema, input));
  const found = await db().project.findMany({ where: { slug: { in: options.projects } }, select: { slug: true } });
  const missing = options.projects.filter((slug) => !found.some((project) => project.slug === slug));
  if (missing.length > 0)
    throw new AppError("NOT_FOUND", `No project with slug ${missing.map((slug) => `"${slug}"`).join(", ")}`, [
      { field: "projects", message: "unknown project" },
    ]);
  return options;
}

async function countJudgments(options: ExportOptions): Promise<number> {
  const client = await exportPool().connect();
  try {
    return await countExportJudgments(client, options);
  } finally {
    client.release();
  }
}

/** Where every export reads, and how long it waits for a reader that takes nothing. */
function exportReading() {
  return { pool: exportPool(), stallTimeoutMs: env().EXPORT_STALL_TIMEOUT_SECONDS * 1000 };
}

// A refused stream is likely to find a slot this much later; a download takes seconds to minutes.
const BUSY_RETRY_AFTER_SECONDS = 30;

export type StreamedExport = { exportId: string; filename: string; contentType: string; body: Readable; finished: Promise<ExportManifest> };

/** Runs an export into a destination now, recorded like every export, failures included. */
async function startRecordedExport({ actor, options, destination }: { actor: Actor | null; options: ExportOptions; destination: Writable }) {
  const record = await db().export.create({
    data: {
      requestedById: actor?.id ?? null,
      format: options.format,
      fileType: options.fileType,
      delivery: "stream",
      options,
      status: "RUNNING",
      startedAt: new Date(),
      heartbeatAt: new Date(),
      attempts: 1,
    },
    select: { id: true, createdAt: true },
  });
  const run = { exportId: record.id, attempt: 1 };
  const progress = progressWriter(run);
  const heartbeat = startHeartbeat(run);
  const finished = (async () => {
    try {
      const manifest = await runExport({ ...exportReading(), options, destination, onProgress: progress.write });
      await progress.settled();
      await recordCompletion(run, manifest);
      return manifest;
    } catch (error) {
      await progress.settled();
      await recordFailure(run, error);
      throw error;
    } finally {
      heartbeat.stop();
    }
  })();
  return { exportId: record.id, filename: exportFileName(options, record.createdAt), finished };
}

/** A slot among the EXPORT_MAX_STREAMS this process sends at once, or BUSY with when to try again. */
function takeStreamSlotOrRefuse(): () => void {
  const max = env().EXPORT_MAX_STREAMS;
  const release = takeStreamSlot(max);
  if (release) return release;
  throw new AppError(
    "BUSY",
    `This server is already sending ${max} streamed exports, as many as it sends at once; try again in ${BUSY_RETRY_AFTER_SECONDS} seconds, or start a background export (POST /api/v1/exports)`,
    [],
    { retryAfterSeconds: BUSY_RETRY_AFTER_SECONDS },
  );
}

/**
 * An export sent as it is made, to a script. A client that goes away, or stops reading for
 * EXPORT_STALL_TIMEOUT_SECONDS, leaves a failed record, not a running one, and frees its connection.
 * At most EXPORT_MAX_STREAMS at once: past that, BUSY before anything is recorded.
 */
export async function streamExport({ actor, input }: { actor: Actor | null; input: unknown }): Promise<StreamedExport> {
  const options = await validOptions(input);
  if (options.fileType === "hf-dataset") {
    throw new AppError("INVALID_INPUT", "A Hugging Face dataset is built as a background export: POST /api/v1/exports", [
      { field: "fileType", message: "only for background exports" },
    ]);
  }
  const release = takeStreamSlotOrRefuse();
  const body = new PassThrough();
  let started: Awaited<ReturnType<typeof startRecordedExport>>;
  try {
    started = await startRecordedExport({ actor, options, destination: body });
  } catch (error) {
    release();
    throw error;
  }
  const finished = started.finished.then(
    (manifest) => {
      body.end();
      return manifest;
    },
    (error) => {
      body.destroy(error instanceof Error ? error : new Error(String(error)));
      throw error;
    },
  );
  // The slot is given back once the export's connection is.
  void finished.catch(() => undefined).finally(release);
  // The route hands the body on and never awaits `finished`, so its failure is logged here: the client
  // only sees a cut-off download. A reader that went away or stalled is no fault of the server; its record says so.
  finished.catch((error: unknown) => {
    if (error instanceof ReaderStalledError) console.warn(`[exports] streamed export ${started.exportId}: ${error.message}`);
    else if (!(error instanceof ReaderGoneError)) console.error(`[exports] streamed export ${started.exportId} failed:`, error);
  });
  return { exportId: started.exportId, filename: started.filename, contentType: CONTENT_TYPES[options.fileType], body, finished };
}

/** An export written straight into a stream the caller owns (the CLI's file or standard output). */
export async function exportTo({ actor, input, destination }: { actor: Actor | null; input: unknown; destination: Writable }) {
  const options = await validOptions(input);
  const started = await startRecordedExport({ actor, options, destination });
  return { exportId: started.exportId, manifest: await started.finished };
}

/** An export made by the job queue into a file the researcher downloads when it is ready. */
export async function queueExport({ actor, input }: { actor: Actor; input: unknown }) {
  const options = await validOptions(input);
  const record = await db().export.create({
    data: { requestedById: actor.id, format: options.format, fileType: options.fileType, delivery: "file", options, status: "QUEUED" },
    select: { id: true },
  });
  await (await queue()).send(QUEUES.exportRun, { exportId: record.id });
  return findExport({ exportId: record.id });
}

/** The job: writes the file (under a temporary name until it is whole) and records the manifest. */
export async function runQueuedExport(exportId: string): Promise<void> {
  const run = await claimQueuedExport(exportId);
  if (!run) return;
  const heartbeat = startHeartbeat(run);
  try {
    await writeExportFile(run);
  } finally {
    heartbeat.stop();
  }
}

async function writeExportFile({ options, ...run }: ExportRun & { options: ExportOptions }): Promise<void> {
  await recordJudgmentsTotal(run, await countJudgments(options));
  const target = exportFilePath(run.exportId, options);
  // Named by attempt: a run thought dead may still be writing its own.
  const partial = `${target}.${run.attempt}.part`;
  const progress = progressWriter(run);
  try {
    await fsp.mkdir(exportDirectory(), { recursive: true });
    const file = fs.createWriteStream(partial);
    const manifest = await runExport({ ...exportReading(), options, destination: file, onProgress: progress.write });
    await new Promise<void>((resolve, reject) => file.end((error?: Error | null) => (error ? reject(error) : resolve())));
    await fsp.rename(partial, target);
    const expiresAt = new Date(Date.now() + retentionDays() * 86_400_000);
    await progress.settled();
    await recordCompletion(run, manifest, { expiresAt });
  } catch (error) {
    await progress.settled();
    await fsp
      .rm(partial, { force: true })
      .catch((rmError: unknown) => console.error(`[exports] could not delete ${partial} of failed export ${run.exportId}: ${(rmError as Error).message}`));
    await recordFailure(run, error);
    throw error;
  }
}

/** Deletes the files of exports past their retention, and says so on their records. */
export async function expireOldExports(now = new Date()): Promise<number> {
  const expired = await db().export.findMany({ where: { status: "COMPLETE", delivery: "file", expiresAt: { lt: now } }, select: { id: true, options: true } });
  for (const record of expired) {
    await fsp.rm(exportFilePath(record.id, record.options as ExportOptions), { force: true });
    await db().export.update({ where: { id: record.id }, data: { status: "EXPIRED" } });
  }
  return expired.length;
}

const exportSelect = {
  id: true,
  format: true,
  fileType: true,
  delivery: true,
  options: true,
  status: true,
  judgmentsTotal: true,
  judgmentsRead: true,
  rowCount: true,
  byteSize: true,
  sha256: true,
  error: true,
  createdAt: true,
  completedAt: true,
  expiresAt: true,
  manifest: true,
  requestedBy: { select: { email: true } },
} as const;

export type ExportView = Awaited<ReturnType<typeof findExport>>;

function toView(record: NonNullable<Awaited<ReturnType<typeof findExportRecord>>>) {
  const options = record.options as ExportOptions;
  return {
    id: record.id,
    format: record.format,
    fileType: record.fileType,
    delivery: record.delivery,
    status: record.status,
    projects: options.projects,
    options,
    progress: record.judgmentsTotal ? Math.min(1, record.judgmentsRead / record.judgmentsTotal) : record.status === "COMPLETE" ? 1 : 0,
    judgmentsRead: record.judgmentsRead,
    judgmentsTotal: record.judgmentsTotal,
    rowCount: record.rowCount,
    byteSize: record.byteSize === null ? null : Number(record.byteSize),
    sha256: record.sha256,
    error: record.error,
    createdAt: record.createdAt.toISOString(),
    completedAt: record.completedAt?.toISOString() ?? null,
    expiresAt: record.expiresAt?.toISOString() ?? null,
    requestedBy: record.requestedBy?.email ?? null,
    filename: exportFileName(options, record.createdAt),
    manifest: record.manifest as ExportManifest | null,
  };
}

function findExportRecord(exportId: string) {
  return db().export.findUnique({ where: { id: exportId }, select: exportSelect });
}

/** Exports are the lab's: every researcher and admin sees all of them. */
export async function findExport({ exportId }: { exportId: string }) {
  const record = isId(exportId) ? await findExportRecord(exportId) : null;
  if (!record) throw new AppError("NOT_FOUND", "No such export");
  return toView(record);
}

export async function findRecentExports({ limit = 50 }: { limit?: number } = {}) {
  const records = await db().export.findMany({ select: exportSelect, orderBy: { createdAt: "desc" }, take: limit });
  return records.map(toView);
}

/** The file of a finished background export, for download. */
export async function openExportFile({ exportId }: { exportId: string }) {
  const view = await findExport({ exportId });
  if (view.delivery !== "file") throw new AppError("NOT_FOUND", "This export was streamed when it was made; it has no file to download");
  if (view.status === "EXPIRED") throw new AppError("GONE", "This export's file was deleted after its retention period; run it again");
  if (view.status !== "COMPLETE") throw new AppError("CONFLICT", `This export is ${view.status.toLowerCase()}; it can be downloaded once it is complete`);
  const path = exportFilePath(view.id, view.options);
  const stat = await statFile(path);
  if (!stat) throw new AppError("NOT_FOUND", "This export's file is missing");
  return { path, size: stat.size, filename: view.filename, contentType: CONTENT_TYPES[view.options.fileType], sha256: view.sha256 };
}
