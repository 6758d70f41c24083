// Builds Prisma clients and pg pools from a connection string. No "server-only" here: the CLI,
// the seed and the test factories use it too.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { env } from "@/lib/env";

export type Database = PrismaClient;

/** In milliseconds; 0 turns a limit off. */
export type DatabaseTimeouts = { connectMs: number; statementMs: number; idleInTransactionMs: number };

export type PoolOptions = { timeouts?: Partial<DatabaseTimeouts>; applicationName?: string };

/** The limits every pooled session gets unless its pool says otherwise (DATABASE_*_TIMEOUT_SECONDS). */
export function databaseTimeouts(): DatabaseTimeouts {
  const settings = env();
  return {
    connectMs: settings.DATABASE_CONNECT_TIMEOUT_SECONDS * 1000,
    statementMs: settings.DATABASE_STATEMENT_TIMEOUT_SECONDS * 1000,
    idleInTransactionMs: settings.DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS * 1000,
  };
}

/**
 * A pool whose every wait is bounded: getting a connection (a full pool included), one statement, and a
 * transaction left open with nothing to do. Without them one stuck client holds its connection, its locks
 * and its snapshot for good, and the requests queued behind it never get an answer.
 */
export function poolConfig(url: string, max = 20, { timeouts, applicationName }: PoolOptions = {}): pg.PoolConfig {
  const limits = { ...databaseTimeouts(), ...timeouts };
  return {
    connectionString: url,
    max,
    allowExitOnIdle: true,
    connectionTimeoutMillis: limits.connectMs,
    statement_timeout: limits.statementMs,
    idle_in_transaction_session_timeout: limits.idleInTransactionMs,
    ...(applicationName ? { application_name: applicationName } : {}),
  };
}

// An idle connection the server closes (a restart, a failover, an admin ending sessions) is dropped
// by the pool and replaced on next use. Without a listener its error would crash the process.
function logIdleConnectionError(error: Error) {
  console.warn(`[db] an idle connection was closed: ${error.message}`);
}

// A connection the server closes while it is checked out (between two statements of a transaction,
// streaming an export) emits 'error' where no pool listens: unheard, that error ends the whole process.
// Each checkout therefore listens, and hands a closed connection back at once to be discarded, as
// pg-pool's own pool.query does: Prisma's adapter (6.19) never releases a transaction's connection whose
// ROLLBACK failed, so every transaction a restart cut short would keep a slot of the pool for good. The
// holder's own release afterwards does nothing; its work has failed with the error (a 503, unavailable.ts).
function releaseWhenClosed(client: pg.PoolClient): pg.PoolClient {
  const release = client.release.bind(client);
  let released = false;
  const releaseOnce = (error?: Error | boolean) => {
    if (released) return;
    released = true;
    // A healthy connection goes back to the pool without this checkout's listener; a closed one keeps it,
    // for pg reports a lost connection twice (the server's message, then the socket's end).
    if (!error) client.removeListener("error", onError);
    release(error);
  };
  const onError = (error: Error) => {
    if (!released) console.warn(`[db] a connection in use was closed: ${error.message}`);
    releaseOnce(error);
  };
  client.on("error", onError);
  client.release = releaseOnce;
  return client;
}

class Pool extends pg.Pool {
  connect(): Promise<pg.PoolClient>;
  connect(callback: (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  // pool.query checks out through the callback form and listens for errors itself.
  connect(callback?: (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void) {
    if (callback) return super.connect(callback);
    return super.connect().then(releaseWhenClosed);
  }
}

export function createPool(url: string, max?: number, options?: PoolOptions): pg.Pool {
  return new Pool(poolConfig(url, max, options)).on("error", logIdleConnectionError);
}

// Prisma's adapter runs on a pool of ours, so its transactions get the same care; $disconnect ends the pool.
export function createPrismaClient(url: string, max?: number, options?: PoolOptions): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(createPool(url, max, options), { disposeExternalPool: true }) });
}
