// The background work each app process takes part in. pg-boss hands every job to one worker only,
// however many processes run.
import { expireOldExports, runQueuedExport } from "@/lib/data/exports";
import { deleteStaleUploads } from "@/lib/data/uploads";
import { QUEUES, queue } from "@/lib/jobs/queue";

const globalForWorkers = globalThis as unknown as { preflabWorkersStarted?: boolean };

export async function startJobWorkers(): Promise<void> {
  if (globalForWorkers.preflabWorkersStarted) return;
  globalForWorkers.preflabWorkersStarted = true;
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
}
