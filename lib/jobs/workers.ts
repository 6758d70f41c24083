// The background work each app process takes part in. pg-boss hands every job to one worker only,
// however many processes run.
import { expireOldExports, runQueuedExport } from "@/lib/data/exports";
import { QUEUES, queue } from "@/lib/jobs/queue";

const globalForWorkers = globalThis as unknown as { preflabWorkersStarted?: boolean };

export async function startJobWorkers(): Promise<void> {
  if (globalForWorkers.preflabWorkersStarted) return;
  globalForWorkers.preflabWorkersStarted = true;
  const boss = await queue();
  await boss.work<{ exportId: string }>(QUEUES.exportRun, { batchSize: 1, pollingIntervalSeconds: 1 }, async ([job]) => {
    await runQueuedExport(job.data.exportId);
  });
  await boss.work(QUEUES.exportCleanup, async () => {
    const expired = await expireOldExports();
    if (expired > 0) console.log(`[jobs] deleted the files of ${expired} expired export(s)`);
  });
  await boss.schedule(QUEUES.exportCleanup, "17 * * * *");
}
