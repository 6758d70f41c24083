import "server-only";
// Exports left RUNNING by a process that stopped (a crash, a kill, a deploy) would stay RUNNING for
// good: their job is gone with the process. Their heartbeat (lib/data/export-runs.ts) tells them apart
// from exports still running somewhere. Every process looks as its workers start, and the queue has
// one of them look every minute.
import { pool } from "@/lib/db/prisma";
import { rollbackAndRelease } from "@/lib/db/sql-runner";
import { EXPORT_HEARTBEAT_EVERY_MS } from "@/lib/data/export-runs";
import { QUEUES, queue } from "@/lib/jobs/queue";

/** Six missed heartbeats: long enough that a busy process is not mistaken for a stopped one. */
export const EXPORT_STALE_AFTER_MS = 6 * EXPORT_HEARTBEAT_EVERY_MS;
/** Runs a background export gets; one that keeps stopping its process is not tried again. */
export const EXPORT_MAX_ATTEMPTS = 3;

const STALE = `status = 'RUNNING' AND COALESCE(heartbeat_at, started_at, created_at) < now() - make_interval(secs => $1::double precision / 1000)`;

const FAIL_STREAMED_SQL = `
  UPDATE exports SET status = 'FAILED', completed_at = now(),
    error = 'The app process sending this export stopped before it ended (a crash or a restart); run it again'
  WHERE ${STALE} AND delivery = 'stream' RETURNING id`;

const FAIL_EXHAUSTED_SQL = `
  UPDATE exports SET status = 'FAILED', completed_at = now(),
    error = 'The app process running this export stopped ' || attempts || ' times before it ended (a crash or a restart, perhaps for lack of memory); it is not tried again. Run it again, or with fewer projects or dates'
  WHERE ${STALE} AND delivery = 'file' AND attempts >= $2 RETURNING id`;

const REQUEUE_SQL = `
  UPDATE exports SET status = 'QUEUED', heartbeat_at = NULL, started_at = NULL, judgments_read = 0, row_count = NULL
  WHERE ${STALE} AND delivery = 'file' AND attempts < $2 RETURNING id`;

export type Recovered = { requeued: string[]; failed: string[] };

/**
 * Re-queues the background exports whose heartbeat stopped (their new job is sent in the same
 * transaction, so none is left QUEUED without one), and fails those out of attempts and the streamed
 * ones, whose client went with the process. Safe in any number of processes at once.
 */
export async function recoverStaleExports({ staleAfterMs = EXPORT_STALE_AFTER_MS }: { staleAfterMs?: number } = {}): Promise<Recovered> {
  const boss = await queue();
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const ids = async (text: string, values: unknown[]) => (await client.query<{ id: string }>(text, values)).rows.map(({ id }) => id);
    const failed = [...(await ids(FAIL_STREAMED_SQL, [staleAfterMs])), ...(await ids(FAIL_EXHAUSTED_SQL, [staleAfterMs, EXPORT_MAX_ATTEMPTS]))];
    const requeued = await ids(REQUEUE_SQL, [staleAfterMs, EXPORT_MAX_ATTEMPTS]);
    const db = { executeSql: (text: string, values: unknown[]) => client.query(text, values) };
    for (const exportId of requeued) await boss.send(QUEUES.exportRun, { exportId }, { db });
    await client.query("COMMIT");
    client.release();
    return { requeued, failed };
  } catch (error) {
    await rollbackAndRelease(client);
    throw error;
  }
}

/** Recovers and says what it did in the log. */
export async function recoverStaleExportsAndLog(): Promise<void> {
  const { requeued, failed } = await recoverStaleExports();
  if (requeued.length > 0) console.warn(`[exports] re-queued ${requeued.length} export(s) left running by a stopped process: ${requeued.join(", ")}`);
  if (failed.length > 0) console.warn(`[exports] failed ${failed.length} export(s) left running by a stopped process: ${failed.join(", ")}`);
}
