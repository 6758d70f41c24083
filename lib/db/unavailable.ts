// Telling "the database cannot be reached right now" apart from a bug. While PostgreSQL restarts or
// fails over, every query fails; callers should wait and retry (the idempotency keys make retried
// writes safe), so the boundaries answer 503 with Retry-After instead of a logged 500.
// Errors are inspected by their fields (code, kind, cause), so neither pg nor Prisma is imported here.
import { AppError } from "@/lib/errors";

export const RETRY_AFTER_SECONDS = 5;

// Node's socket errors on connecting or mid-query.
const SOCKET_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ETIMEDOUT", "EPIPE", "EHOSTUNREACH", "ENETUNREACH", "EAI_AGAIN"]);
// PostgreSQL: admin_shutdown, crash_shutdown, cannot_connect_now (starting up), too_many_connections;
// and class 08, connection_exception.
const POSTGRES_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);
const CONNECTION_EXCEPTION = /^08[0-9A-Z]{3}$/;
// Prisma's, through its pg adapter: cannot reach, timed out, connection closed, pool timeout, too many connections.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024", "P2037"]);
const ADAPTER_KINDS = new Set(["DatabaseNotReachable", "ConnectionClosed", "SocketTimeout", "TooManyConnections"]);
// pg and pg-pool say these with no code.
const DRIVER_MESSAGES = [
  "Connection terminated unexpectedly",
  "Connection terminated due to connection timeout",
  "timeout exceeded when trying to connect",
  "Client has encountered a connection error and is not queryable",
];

type Inspectable = { code?: unknown; originalCode?: unknown; kind?: unknown; message?: unknown; cause?: unknown; errors?: unknown; meta?: unknown };

/** Whether the error, or one it wraps (Prisma's, an AggregateError's), says the database is out of reach. */
export function isDatabaseUnavailable(error: unknown, depth = 0): boolean {
  if (depth > 5 || error === null || typeof error !== "object") return false;
  const fields = error as Inspectable;
  const codes = [fields.code, fields.originalCode].filter((code): code is string => typeof code === "string");
  if (codes.some((code) => SOCKET_CODES.has(code) || POSTGRES_CODES.has(code) || PRISMA_CODES.has(code) || CONNECTION_EXCEPTION.test(code))) return true;
  if (typeof fields.kind === "string" && ADAPTER_KINDS.has(fields.kind)) return true;
  if (typeof fields.message === "string" && DRIVER_MESSAGES.some((message) => (fields.message as string).includes(message))) return true;
  const driverAdapterError = (fields.meta as { driverAdapterError?: unknown } | undefined)?.driverAdapterError;
  const wrapped = [fields.cause, driverAdapterError, ...(Array.isArray(fields.errors) ? fields.errors : [])];
  return wrapped.some((inner) => isDatabaseUnavailable(inner, depth + 1));
}

/** The UNAVAILABLE error for a database out of reach (logged in one line, not as a bug), else null. */
export function databaseUnavailableError(error: unknown): AppError | null {
  if (!isDatabaseUnavailable(error)) return null;
  console.warn(`[db] the database is unavailable: ${error instanceof Error ? error.message : String(error)}`);
  return new AppError("UNAVAILABLE", `The database is unavailable right now (restarting or failing over); try again in ${RETRY_AFTER_SECONDS} seconds`);
}
