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

export function createPrismaClient(url: string, max?: number, options?: PoolOptions): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(poolConfig(url, max, options), { onPoolError: logIdleConnectionError }) });
}

export function createPool(url: string, max?: number, options?: PoolOptions): pg.Pool {
  return new pg.Pool(poolConfig(url, max, options)).on("error", logIdleConnectionError);
}
