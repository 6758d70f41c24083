// The hot paths (claim, submit) are written once against this small interface, so the app runs
// them inside a Prisma transaction and the benchmark runs the very same statements through pg.
import type pg from "pg";
import type { Database } from "@/lib/db/connection";

export type SqlRunner = {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  execute(text: string, params?: unknown[]): Promise<number>;
};

type PrismaTx = Parameters<Parameters<Database["$transaction"]>[0]>[0];

export function prismaSqlRunner(tx: PrismaTx): SqlRunner {
  return {
    query: <T>(text: string, params: unknown[] = []) => tx.$queryRawUnsafe<T[]>(text, ...params),
    execute: (text, params = []) => tx.$executeRawUnsafe(text, ...params),
  };
}

export function pgSqlRunner(client: pg.PoolClient | pg.Client): SqlRunner {
  return {
    query: async <T>(text: string, params: unknown[] = []) => (await client.query(text, params)).rows as T[],
    execute: async (text, params = []) => (await client.query(text, params)).rowCount ?? 0,
  };
}

/** A Prisma interactive transaction with room for queueing under load. */
export function inTransaction<T>(database: Database, run: (sql: SqlRunner) => Promise<T>): Promise<T> {
  return database.$transaction((tx) => run(prismaSqlRunner(tx)), { maxWait: 10_000, timeout: 20_000 });
}

/** The same through a pg client: what the benchmark measures the app against. */
export async function inPgTransaction<T>(client: pg.PoolClient, run: (sql: SqlRunner) => Promise<T>): Promise<T> {
  await client.query("BEGIN");
  try {
    const result = await run(pgSqlRunner(client));
    await client.query("COMMIT");
    return result;
  } catch (error) {
    await client.query("ROLLBACK");
    throw error;
  }
}
