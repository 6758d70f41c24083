// The app's one Prisma client and pg pool, kept on globalThis so dev reloads reuse them.
import { createPool, createPrismaClient, type Database } from "@/lib/db/connection";
import { env, requireDatabaseUrl } from "@/lib/env";
import type pg from "pg";

const globalForDb = globalThis as unknown as { preflabPrisma?: Database; preflabPool?: pg.Pool; preflabExportPool?: pg.Pool };

/** How the export pool's sessions are named in pg_stat_activity. */
export const EXPORT_APPLICATION_NAME = "preflab-exports";

export function db(): Database {
  globalForDb.preflabPrisma ??= createPrismaClient(requireDatabaseUrl(), Math.max(2, Math.ceil(env().DATABASE_POOL_SIZE / 2)));
  return globalForDb.preflabPrisma;
}

/** Plain pg for the hot paths (claim, submit), streaming cursors and bulk inserts. */
export function pool(): pg.Pool {
  globalForDb.preflabPool ??= createPool(requireDatabaseUrl(), env().DATABASE_POOL_SIZE);
  return globalForDb.preflabPool;
}

/**
 * Exports read on connections of their own: a streamed export holds one for as long as its client
 * downloads, so slow downloads, however many, can never take the connections claims and submits need.
 * One per streamed export allowed at once (EXPORT_MAX_STREAMS), and one for a background export.
 */
export function exportPool(): pg.Pool {
  globalForDb.preflabExportPool ??= createPool(requireDatabaseUrl(), env().EXPORT_MAX_STREAMS + 1, { applicationName: EXPORT_APPLICATION_NAME });
  return globalForDb.preflabExportPool;
}

export async function disconnectDb() {
  await globalForDb.preflabPrisma?.$disconnect();
  await globalForDb.preflabPool?.end();
  await globalForDb.preflabExportPool?.end();
  globalForDb.preflabPrisma = undefined;
  globalForDb.preflabPool = undefined;
  globalForDb.preflabExportPool = undefined;
}
