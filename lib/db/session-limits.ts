// Work that legitimately runs longer than the pool's limits (lib/db/connection.ts) changes them for its
// own transaction only: SET LOCAL ends with the transaction, so the connection goes back to the pool
// with the usual limits.
import type pg from "pg";

/** In milliseconds, 0 for none; a limit not given keeps the pool's. */
export type TransactionLimits = { statementMs?: number; idleInTransactionMs?: number };

export async function setTransactionLimits(client: pg.ClientBase, { statementMs, idleInTransactionMs }: TransactionLimits): Promise<void> {
  const settings: [string, number][] = [];
  if (statementMs !== undefined) settings.push(["statement_timeout", statementMs]);
  if (idleInTransactionMs !== undefined) settings.push(["idle_in_transaction_session_timeout", idleInTransactionMs]);
  for (const [name, value] of settings) await client.query("SELECT set_config($1, $2, true)", [name, String(Math.round(value))]);
}
