// The hot paths (claim, submit) are plain SQL written once against this small interface, run
// through pg with named (prepared) statements: PostgreSQL parses and plans each statement once per
// connection instead of on every call. The benchmark drives the very same procedures.
import { createHash } from "node:crypto";
import type pg from "pg";

export type SqlRunner = {
  query<T>(text: string, params?: unknown[]): Promise<T[]>;
  execute(text: string, params?: unknown[]): Promise<number>;
};

const statementNames = new Map<string, string>();

function statementName(text: string): string {
  let name = statementNames.get(text);
  if (!name) {
    name = `preflab_${createHash("sha1").update(text).digest("hex").slice(0, 16)}`;
    statementNames.set(text, name);
  }
  return name;
}

export function pgSqlRunner(client: pg.PoolClient | pg.Client): SqlRunner {
  const run = (text: string, values: unknown[]) => client.query({ name: statementName(text), text, values });
  return {
    query: async <T>(text: string, params: unknown[] = []) => (await run(text, params)).rows as T[],
    execute: async (text, params = []) => (await run(text, params)).rowCount ?? 0,
  };
}

/** One statement on any pooled connection, prepared once per connection like the rest. */
export async function queryPool<T>(pool: pg.Pool, text: string, params: unknown[] = []): Promise<T[]> {
  return (await pool.query({ name: statementName(text), text, values: params })).rows as T[];
}

/** One statement on any pooled connection; the number of rows it changed. */
export async function executePool(pool: pg.Pool, text: string, params: unknown[] = []): Promise<number> {
  return (await pool.query({ name: statementName(text), text, values: params })).rowCount ?? 0;
}

/** One transaction on a pooled connection; rolled back on any error. */
export async function inTransaction<T>(pool: pg.Pool, run: (sql: SqlRunner) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  try {
    await client.query("BEGIN");
    const result = await run(pgSqlRunner(client));
    await client.query("COMMIT");
    client.release();
    return result;
  } catch (error) {
    await rollbackAndRelease(client);
    throw error;
  }
}

/**
 * Ends a transaction that is abandoned (after an error, or a check that keeps nothing) and gives the
 * connection back. A ROLLBACK that fails does not replace the error that ended the work, which is
 * the one to report: it is logged, and the connection is closed instead of handed to the next caller
 * in the middle of a transaction.
 */
export async function rollbackAndRelease(client: pg.PoolClient): Promise<void> {
  try {
    await client.query("ROLLBACK");
    client.release();
  } catch (error) {
    console.error(`[db] ROLLBACK failed, so the connection is closed: ${(error as Error).message}`);
    client.release(error as Error);
  }
}
