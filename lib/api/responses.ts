import { DEFAULT_JSON_BODY_BYTES, readBodyBytes } from "@/lib/api/read-body";
import { databaseUnavailableError, RETRY_AFTER_SECONDS } from "@/lib/db/unavailable";
import { AppError, isAppError } from "@/lib/errors";
import { assertStorableText } from "@/lib/validations/parse";

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, { ...init, headers: { "cache-control": "no-store", ...init.headers } });
}

function headersFor(error: AppError): Record<string, string> {
  if (error.code === "UNAVAILABLE") return { "retry-after": String(RETRY_AFTER_SECONDS) };
  return error.retryAfterSeconds === undefined ? {} : { "retry-after": String(error.retryAfterSeconds) };
}

/**
 * The one translation of errors to HTTP: known ones keep their code and details, a database that
 * cannot be reached is 503 with Retry-After (retrying is safe: writes are keyed), the rest are logged.
 */
export function errorResponse(error: unknown): Response {
  const known = isAppError(error) ? error : databaseUnavailableError(error);
  if (known) {
    const body = { error: { code: known.code, message: known.message, details: known.details } };
    return jsonResponse(body, { status: known.status, headers: headersFor(known) });
  }
  console.error(error);
  return jsonResponse({ error: { code: "INTERNAL", message: "Something went wrong on the server; it has been logged" } }, { status: 500 });
}

const utf8 = new TextDecoder("utf-8", { fatal: true });

function invalidBody(message: string): AppError {
  return new AppError("INVALID_INPUT", message, [{ message }]);
}

/**
 * Reads a JSON body, or explains why it could not: larger than `maxBytes` (413, before it is all
 * read), not UTF-8, not JSON, or holding text that cannot be stored (a NUL, named by its field).
 * `empty` is what an empty body means, for routes whose body is optional.
 */
export async function readJsonBody(
  request: Request,
  { maxBytes = DEFAULT_JSON_BODY_BYTES, empty }: { maxBytes?: number; empty?: unknown } = {},
): Promise<unknown> {
  const bytes = await readBodyBytes(request, maxBytes);
  if (bytes.byteLength === 0) {
    if (empty !== undefined) return empty;
    throw invalidBody("The request body is empty: send JSON");
  }
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw invalidBody("The request body is not valid UTF-8: send JSON encoded as UTF-8");
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (error) {
    throw invalidBody(`The request body is not valid JSON: ${(error as Error).message}`);
  }
  assertStorableText(body);
  return body;
}
