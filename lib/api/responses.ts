import { AppError, isAppError } from "@/lib/errors";

export function jsonResponse(body: unknown, init: ResponseInit = {}): Response {
  return Response.json(body, { ...init, headers: { "cache-control": "no-store", ...init.headers } });
}

/** The one translation of errors to HTTP: known ones keep their code and details, the rest are logged. */
export function errorResponse(error: unknown): Response {
  if (isAppError(error)) {
    const headers: Record<string, string> = error.retryAfterSeconds === undefined ? {} : { "retry-after": String(error.retryAfterSeconds) };
    return jsonResponse({ error: { code: error.code, message: error.message, details: error.details } }, { status: error.status, headers });
  }
  console.error(error);
  return jsonResponse({ error: { code: "INTERNAL", message: "Something went wrong on the server; it has been logged" } }, { status: 500 });
}

/** Reads a JSON body, or explains why it could not. */
export async function readJsonBody(request: Request): Promise<unknown> {
  try {
    return await request.json();
  } catch {
    throw new AppError("INVALID_INPUT", "The request body must be JSON");
  }
}
