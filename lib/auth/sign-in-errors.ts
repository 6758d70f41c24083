// How a sign-in refused by a rate limit gets out of Auth.js. An error thrown in authorize() that is not
// Auth.js's own becomes a "Configuration" error page; a CredentialsSignin keeps its `code`, which
// Auth.js puts in the sign-in redirect's query (and a Server Action's signIn() rethrows as it is).
// So the wait travels in the code, and the route answers 429 with Retry-After instead of the redirect.
import "server-only";
import { errorResponse } from "@/lib/api/responses";
import { AppError } from "@/lib/errors";
import { rateLimitMessage } from "@/lib/rate-limit";

const CODE = /^rate_limited_(\d+)$/;

/** The `code` of the CredentialsSignin that authorize() throws for a rate-limited sign-in. */
export function rateLimitedSignInCode(retryAfterSeconds: number): string {
  return `rate_limited_${retryAfterSeconds}`;
}

/** The seconds to wait, when a sign-in was refused by a rate limit; else null. */
export function signInRetryAfter(error: unknown): number | null {
  const code = error instanceof Error && "code" in error ? error.code : null;
  const match = typeof code === "string" ? CODE.exec(code) : null;
  return match ? Number(match[1]) : null;
}

export function signInRateLimitedMessage(retryAfterSeconds: number): string {
  return rateLimitMessage("attempts", retryAfterSeconds);
}

/** Auth.js's redirect for a rate-limited sign-in, as 429 with Retry-After and the API's error body; else null. */
export function rateLimitedSignInResponse(response: Response): Response | null {
  const location = response.headers.get("location");
  const code = location && URL.canParse(location, "http://localhost") ? new URL(location, "http://localhost").searchParams.get("code") : null;
  const match = code ? CODE.exec(code) : null;
  if (!match) return null;
  const retryAfterSeconds = Number(match[1]);
  return errorResponse(new AppError("RATE_LIMITED", signInRateLimitedMessage(retryAfterSeconds), [], { retryAfterSeconds }));
}
