import "server-only";
import type pg from "pg";
import { inTransaction } from "@/lib/db/sql-runner";

// The quality queries group a project's every judgment: with the default 4 MB of work memory their sorts
// and hashes spill to disk (seconds on a million judgments); 64 MB keeps them in memory. SET LOCAL ends
// with the read-only transaction, so the pool's other users keep the default.
const WORK_MEMORY = "64MB";

/** One read-only statement with the work memory a whole-project aggregation needs. */
export async function analyticQuery<T>(pool: pg.Pool, text: string, params: unknown[]): Promise<T[]> {
  return inTransaction(pool, async (sql) => {
    await sql.execute(`SET LOCAL work_mem = '${WORK_MEMORY}'`);
    return sql.query<T>(text, params);
  });
}
