// The PostgreSQL-backed job queue (pg-boss): one client per process, started on first use. Any
// number of app processes can run workers against the same database.
import PgBoss from "pg-boss";
import { requireDatabaseUrl } from "@/lib/env";

// "cleanup" runs hourly: expired export files and staged uploads never imported. "export-recovery" runs
// every minute: exports left RUNNING by a process that stopped.
export const QUEUES = { exportRun: "export-run", cleanup: "cleanup", exportRecovery: "export-recovery" } as const;

const globalForQueue = globalThis as unknown as { preflabQueue?: Promise<PgBoss> };

async function startQueue(): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString: requireDatabaseUrl(), schema: "pgboss", max: 4 });
  // The stack, not the whole error: a pg error carries its client object, hundreds of lines of noise.
  boss.on("error", (error) => console.error(`[queue] ${error.stack ?? error.message}`));
  await boss.start();
  for (const name of Object.values(QUEUES)) await boss.createQueue(name);
  return boss;
}

export function queue(): Promise<PgBoss> {
  globalForQueue.preflabQueue ??= startQueue().catch((error) => {
    globalForQueue.preflabQueue = undefined;
    throw error;
  });
  return globalForQueue.preflabQueue;
}

export async function stopQueue() {
  // A queue whose start failed has nothing to stop; its error went to the caller that awaited it.
  const boss = await globalForQueue.preflabQueue?.catch(() => undefined);
  globalForQueue.preflabQueue = undefined;
  await boss?.stop({ graceful: false, wait: true });
}
