// Rows of a query read a page at a time through a cursor, inside the caller's transaction: memory
// holds one page, whatever the row count.
import type pg from "pg";
import Cursor from "pg-cursor";

export async function* cursorRows<T>(client: pg.ClientBase, text: string, params: unknown[], pageRows: number): AsyncGenerator<T> {
  const cursor = client.query(new Cursor<T>(text, params));
  // The next page is asked for before this one is handed on, so PostgreSQL builds it while the
  // rows are encoded: the two sides work at the same time instead of taking turns.
  let next = cursor.read(pageRows);
  try {
    for (let rows = await next; rows.length > 0; rows = await next) {
      next = cursor.read(pageRows);
      for (const row of rows) yield row;
    }
  } finally {
    // The page read ahead is not wanted once reading stops early (an error, or the consumer returned):
    // the error that stopped it is already on its way, and a failing read-ahead would only hide it.
    await next.catch(() => undefined);
    await cursor.close();
  }
}

/** SQL for the first instant of a UTC day given as a `YYYY-MM-DD` parameter, whatever the session's time zone. */
export function utcDayStart(parameter: string, plusDays = 0): string {
  return `((${parameter}::date + ${plusDays})::timestamp AT TIME ZONE 'UTC')`;
}
