import { AppError } from "@/lib/errors";

const MISMATCH = "differs from the Idempotency-Key header: send the key once, or the same key in both";

/**
 * The body with the key of an Idempotency-Key header added, for routes that take the key either way.
 * Given in both places, the two must agree: otherwise which one counted would be a guess.
 */
export function withIdempotencyKeyHeader(request: Request, body: unknown): unknown {
  const headerKey = request.headers.get("idempotency-key");
  // Anything but an object is left for the route's schema to refuse.
  if (headerKey === null || typeof body !== "object" || body === null || Array.isArray(body)) return body;
  const bodyKey = (body as { idempotencyKey?: unknown }).idempotencyKey;
  if (bodyKey !== undefined && bodyKey !== headerKey) {
    throw new AppError("INVALID_INPUT", `idempotencyKey: ${MISMATCH}`, [{ field: "idempotencyKey", message: MISMATCH }]);
  }
  return { ...body, idempotencyKey: headerKey };
}
