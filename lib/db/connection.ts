// Builds Prisma clients and pg pools from a connection string. No "server-only" here: the CLI,
// the seed and the test factories use it too.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";

export type Database = PrismaClient;

export function poolConfig(url: string, max = 20): pg.PoolConfig {
  return { connectionString: url, max, allowExitOnIdle: true };
}

// An idle connection the server closes (a restart, a failover, an admin ending sessions) is dropped
// by the pool and replaced on next use. Without a listener its error would crash the process.
function logIdleConnectionError(error: Error) {
  console.warn(`[db] an idle connection was closed: ${error.message}`);
}

export function createPrismaClient(url: string, max?: number): PrismaClient {
  return new PrismaClient({ adapter: new PrismaPg(poolConfig(url, max), { onPoolError: logIdleConnectionError }) });
}

export function createPool(url: string, max?: number): pg.Pool {
  return new pg.Pool(poolConfig(url, max)).on("error", logIdleConnectionError);
}
