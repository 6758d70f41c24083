// The app's one Prisma client and pg pool, kept on globalThis so dev reloads reuse them.
import { createPool, createPrismaClient, type Database } from "@/lib/db/connection";
import { env, requireDatabaseUrl } from "@/lib/env";
import type pg from "pg";

const globalForDb = globalThis as unknown as { preflabPrisma?: Database; preflabPool?: pg.Pool };

export function db(): Database {
  globalForDb.preflabPrisma ??= createPrismaClient(requireDatabaseUrl(), Math.max(2, Math.ceil(env().DATABASE_POOL_SIZE / 2)));
  return globalForDb.preflabPrisma;
}

/** Plain pg for the hot paths (claim, submit), streaming cursors and bulk inserts. */
export function pool(): pg.Pool {
  globalForDb.preflabPool ??= createPool(requireDatabaseUrl(), env().DATABASE_POOL_SIZE);
  return globalForDb.preflabPool;
}

export async function disconnectDb() {
  await globalForDb.preflabPrisma?.$disconnect();
  await globalForDb.preflabPool?.end();
  globalForDb.preflabPrisma = undefined;
  globalForDb.preflabPool = undefined;
}
