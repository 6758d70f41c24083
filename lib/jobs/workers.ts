// The background work each app process takes part in. pg-boss hands every job to one worker only,
// however many processes run.
import { setTimeout as sleep } from "node:timers/promises";
import { expireOldExports, runQueuedExport } from "@/lib/data/exports";
import { recoverStaleExportsAndLog } from "@/lib/data/export-recovery";
import { deleteStaleUploads } from "@/lib/data/uploads";
import { QUEUES, queue, stopQueue } from "@/lib/jobs/queue";

export type StartOptions = {
  /** Tries before giving up; a server keeps trying (Infinity) so a database that comes up late is joined. */
  attempts?: number;
  /** The wait after the first failure, doubled after each one up to maxDelayMs. */
  firstDelayMs?: number;
  maxDelayMs?: number;
};

// The start under way or done, cleared when one gives up so that a later call starts over; and how to stop its retries.
const globalForWorkers = globalThis as unknown as { preflabWorkers?: Promise<void>; preflabWorkersAbort?: AbortController };

async function registerWorkers(): Promise<void> {
  const boss = await queue();
  await boss.work<{ exportId: string }>(QUEUES.exportRun, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    await runQueuedExport(job.data.exportId);
  });
  await boss.work(QUEUES.cleanup, async () => {
    const expired = await expireOldExports();
    if (expired > 0) console.log(`[jobs] deleted the files of ${expired} expired export(s)`);
    const uploads = await deleteStaleUploads({});
    if (uploads > 0) console.log(`[jobs] deleted ${uploads} staged upload(s) never imported`);
  });
  await boss.schedule(QUEUES.cleanup, "17 * * * *");
  await boss.work(QUEUES.exportRecovery, async () => await recoverStaleExportsAndLog());
  await boss.schedule(QUEUES.exportRecovery, "* * * * *");
  // Exports this process (or another) was running when it stopped are taken up now, not a minute later.
  await recoverStaleExportsAndLog();
}

async function startWithRetry({ attempts = Infinity, firstDelayMs = 1_000, maxDelayMs = 60_000 }: StartOptions, signal: AbortSignal): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await registerWorkers();
      if (attempt > 1) console.log(`[jobs] the job workers started on attempt ${attempt}`);
      return;
    } catch (error) {
      // A queue that started but failed to take the workers is stopped, so the next try registers them once, afresh.
      await stopQueue().catch((stopError: unknown) => console.error("[jobs] could not stop the queue after a failed start:", stopError));
      // A refused connection to "localhost" is an AggregateError (IPv6 and IPv4) whose message is empty; its code says it.
      const message = error instanceof Error ? error.message || String((error as NodeJS.ErrnoException).code ?? error.name) : String(error);
      if (attempt >= attempts) {
        console.error(`[jobs] could not start the job workers (attempt ${attempt}, giving up): ${message}`);
        throw error;
      }
      const delayMs = Math.min(maxDelayMs, firstDelayMs * 2 ** (attempt - 1));
      console.error(`[jobs] could not start the job workers (attempt ${attempt}, trying again in ${delayMs} ms): ${message}`);
      await sleep(delayMs, undefined, { signal });
    }
  }
}

/**
 * Joins this process to the job queue's workers, retrying with a backoff while the database cannot
 * be reached: a server that boots before its database must still run the exports queued meanwhile.
 * Calls during a start share it; after one gives up, the next call tries again.
 */
export function startJobWorkers(options: StartOptions = {}): Promise<void> {
  if (!globalForWorkers.preflabWorkers) {
    const abort = new AbortController();
    globalForWorkers.preflabWorkersAbort = abort;
    const starting: Promise<void> = startWithRetry(options, abort.signal).catch((error: unknown) => {
      if (globalForWorkers.preflabWorkers === starting) globalForWorkers.preflabWorkers = undefined;
      throw error;
    });
    globalForWorkers.preflabWorkers = starting;
  }
  return globalForWorkers.preflabWorkers;
}

/** Stops the workers (a start still retrying gives up) and the queue; a later startJobWorkers() starts them again. */
export async function stopJobWorkers(): Promise<void> {
  globalForWorkers.preflabWorkersAbort?.abort();
  // A start that failed or was stopped has left nothing running; its error was logged where it happened.
  await globalForWorkers.preflabWorkers?.catch(() => undefined);
  globalForWorkers.preflabWorkers = undefined;
  await stopQueue();
}
