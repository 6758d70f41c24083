// The PostgreSQL-backed job queue (pg-boss): one client per process, started on first use. Any
// number of app processes can run workers against the same database.
import pg from "pg";
import PgBoss from "pg-boss";
import { requireDatabaseUrl } from "@/lib/env";

// "cleanup" runs hourly: expired export files and staged uploads never imported. "export-recovery" runs
// every minute: exports left RUNNING by a process that stopped.
export const QUEUES = { exportRun: "export-run", cleanup: "cleanup", exportRecovery: "export-recovery" } as const;

const globalForQueue = globalThis as unknown as { preflabQueue?: Promise<PgBoss> };

// Several processes starting together on a database the queue has not seen yet would each create the
// queues, and two first creations of one queue deadlock in PostgreSQL (queue.db.test.ts): the setup
// runs under a session-level advisory lock, one process at a time.
const SETUP_LOCK = "preflab:job-queue-setup";
const SETUP_LOCK_TIMEOUT = "60s";

async function withSetupLock<T>(connectionString: string, run: () => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString });
  // A connection lost while waiting (the database restarting) rejects the query below; no crash.
  client.on("error", (error) => console.warn(`[queue] the setup lock's connection was closed: ${error.message}`));
  await client.connect();
  try {
    await client.query(`SET lock_timeout = '${SETUP_LOCK_TIMEOUT}'`);
    await client.query("SELECT pg_advisory_lock(hashtextextended($1, 0))", [SETUP_LOCK]);
    return await run();
  } finally {
    // Ending the session releases the lock, also when the unlock itself cannot be sent.
    await client.end().catch(() => undefined);
  }
}

/** A started pg-boss client with the app's queues made; the caller stops it. */
export async function startQueue(connectionString: string): Promise<PgBoss> {
  const boss = new PgBoss({ connectionString, schema: "pgboss", max: 4 });
  // The stack, not the whole error: a pg error carries its client object, hundreds of lines of noise.
  boss.on("error", (error) => console.error(`[queue] ${error.stack ?? error.message}`));
  try {
    await withSetupLock(connectionString, async () => {
      await boss.start();
      for (const name of Object.values(QUEUES)) await boss.createQueue(name);
    });
    return boss;
  } catch (error) {
    await boss.stop({ graceful: false, wait: true }).catch(() => undefined);
    throw error;
  }
}

export function queue(): Promise<PgBoss> {
  globalForQueue.preflabQueue ??= startQueue(requireDatabaseUrl()).catch((error) => {
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
