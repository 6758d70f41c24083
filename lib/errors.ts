// One error type for everything the app refuses on purpose. Each boundary (API route, Server Action,
// CLI) translates it once; anything else is a bug, logged and shown as a generic message.

export const ERROR_STATUS = {
  UNAUTHENTICATED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  CONFLICT: 409,
  LEASE_EXPIRED: 410,
  GONE: 410,
  ALREADY_SUBMITTED: 409,
  IDEMPOTENCY_KEY_REUSED: 422,
  INVALID_INPUT: 422,
  INVALID_FILE: 422,
  PAYLOAD_TOO_LARGE: 413,
  // A crowd-platform study that takes no more participants.
  STUDY_CLOSED: 410,
  // A study whose places are all taken by the participants already in it.
  STUDY_FULL: 409,
  // A worker's daily cap in a project: they may come back tomorrow (UTC).
  DAILY_CAP_REACHED: 429,
  // Too many attempts or requests in a short time (lib/rate-limit.ts), or new study participants from one
  // address in an hour; carries the seconds to wait where it knows them.
  RATE_LIMITED: 429,
  // The database cannot be reached right now (restarting, failing over): the request may be retried.
  UNAVAILABLE: 503,
  // This server is already doing as much of this work as it takes at once (streamed exports): try again
  // after Retry-After seconds.
  BUSY: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export type ErrorDetail = { line?: number; field?: string; message: string };

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly details: ErrorDetail[];
  /** When to ask again, for refusals that end by themselves: HTTP answers send it as Retry-After. */
  readonly retryAfterSeconds: number | undefined;

  constructor(code: ErrorCode, message: string, details: ErrorDetail[] = [], { retryAfterSeconds }: { retryAfterSeconds?: number } = {}) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.details = details;
    this.retryAfterSeconds = retryAfterSeconds;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** "line 3, field responses: expected an array" */
export function formatErrorDetail(detail: ErrorDetail): string {
  const where = [detail.line !== undefined && `line ${detail.line}`, detail.field && `field ${detail.field}`].filter(Boolean).join(", ");
  return where ? `${where}: ${detail.message}` : detail.message;
}
