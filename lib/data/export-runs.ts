import "server-only";
// The record of an export while it runs: its progress, a heartbeat that says its process is alive, and
// how it ended. Every write names the run's attempt and expects the record RUNNING, so a run thought
// dead and replaced (lib/data/export-recovery.ts) cannot overwrite the run that replaced it.
import { db } from "@/lib/db/prisma";
import type { ExportOptions } from "@/lib/exports/export-options";
import type { ExportManifest } from "@/lib/exports/manifest";
import type { ExportProgress } from "@/lib/exports/run-export";

const PROGRESS_EVERY_MS = 500;
export const EXPORT_HEARTBEAT_EVERY_MS = 10_000;

export type ExportRun = { exportId: string; attempt: number };

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

const runningRecord = ({ exportId, attempt }: ExportRun) => ({ id: exportId, status: "RUNNING" as const, attempts: attempt });

/** Takes a queued export for this process, once: of two jobs for one export (a retried one), one gets it. */
export async function claimQueuedExport(exportId: string): Promise<(ExportRun & { options: ExportOptions }) | null> {
  const [claimed] = await db().$queryRaw<{ attempts: number; options: ExportOptions }[]>`
    UPDATE exports SET status = 'RUNNING', attempts = attempts + 1, started_at = now(), heartbeat_at = now(), judgments_read = 0, row_count = NULL
    WHERE id = ${exportId}::uuid AND status = 'QUEUED'
    RETURNING attempts, options`;
  return claimed ? { exportId, attempt: claimed.attempts, options: claimed.options } : null;
}

/** Writes the heartbeat every `everyMs` until stopped; a failed write is logged and the next one tried. */
export function startHeartbeat(run: ExportRun, everyMs = EXPORT_HEARTBEAT_EVERY_MS): { stop: () => void } {
  const beat = () =>
    db()
      .export.updateMany({ where: runningRecord(run), data: { heartbeatAt: new Date() } })
      .catch((error: unknown) => console.warn(`[exports] could not write the heartbeat of export ${run.exportId}: ${errorMessage(error)}`));
  const timer = setInterval(beat, everyMs);
  // The heartbeat alone must not keep a finished CLI export's process running.
  timer.unref();
  return { stop: () => clearInterval(timer) };
}

/** Records how many judgments a background export will read, for its progress bar only: a failed write is logged. */
export async function recordJudgmentsTotal(run: ExportRun, judgmentsTotal: number): Promise<void> {
  await db()
    .export.updateMany({ where: runningRecord(run), data: { judgmentsTotal } })
    .catch((error: unknown) => console.error(`[exports] could not record the progress of export ${run.exportId}: ${errorMessage(error)}`));
}

/**
 * Progress is written at most twice a second (the job may read hundreds of thousands of judgments),
 * one write at a time, with the heartbeat. A failed write is logged and the export goes on: progress is
 * only for the progress bar, and the file and the final record do not depend on it, so failing the
 * export for it would throw away good work. settled() is awaited before the final record, which a late
 * progress write must not overwrite.
 */
export function progressWriter(run: ExportRun) {
  let last = 0;
  let writing: Promise<void> | null = null;
  const write = (progress: ExportProgress) => {
    const now = Date.now();
    if (writing || now - last < PROGRESS_EVERY_MS) return;
    last = now;
    writing = db()
      .export.updateMany({ where: runningRecord(run), data: { judgmentsRead: progress.judgmentsRead, rowCount: progress.rows, heartbeatAt: new Date() } })
      .then(
        () => undefined,
        (error: unknown) => console.error(`[exports] could not record the progress of export ${run.exportId}: ${errorMessage(error)}`),
      )
      .finally(() => (writing = null));
  };
  return { write, settled: async () => void (await writing) };
}

/** Records the export COMPLETE with its manifest; false when the run was replaced meanwhile. */
export async function recordCompletion(run: ExportRun, manifest: ExportManifest, { expiresAt }: { expiresAt?: Date } = {}): Promise<boolean> {
  const { count } = await db().export.updateMany({
    where: runningRecord(run),
    data: {
      status: "COMPLETE",
      manifest: manifest as object,
      rowCount: manifest.counts.rows,
      judgmentsRead: manifest.counts.judgmentsRead,
      byteSize: manifest.file?.bytes,
      sha256: manifest.file?.sha256,
      completedAt: new Date(),
      expiresAt,
    },
  });
  if (count === 0) console.warn(`[exports] export ${run.exportId} finished attempt ${run.attempt} after it was given to another; its result is not recorded`);
  return count > 0;
}

/** Marks the export FAILED; if even that cannot be written, says so in the log and leaves the caller's error to be thrown. */
export async function recordFailure(run: ExportRun, error: unknown): Promise<void> {
  const failure = { status: "FAILED" as const, error: error instanceof Error ? error.message.slice(0, 500) : "the export failed", completedAt: new Date() };
  await db()
    .export.updateMany({ where: runningRecord(run), data: failure })
    .catch((updateError: unknown) =>
      console.error(`[exports] could not record export ${run.exportId} as failed (${errorMessage(error)}): ${errorMessage(updateError)}`),
    );
}
