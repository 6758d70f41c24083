import "server-only";
import { getCurrentUser } from "@/lib/auth/session";
import { findActorByTokenSecret, type TokenActor } from "@/lib/data/api-tokens";
import type { Actor } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { enforceRateLimit } from "@/lib/rate-limit";

export type RequestActor = Actor & { scopes: string[] | null };

/**
 * A Bearer token (RATE_LIMITED past its requests a minute), or else the browser's session cookie. A
 * cookie-authenticated request that changes something must come from our own pages (same origin), so
 * other sites cannot forge it.
 */
export async function authenticateRequest(request: Request): Promise<RequestActor | null> {
  const header = request.headers.get("authorization");
  if (header) {
    const [scheme, secret] = header.split(" ");
    if (scheme?.toLowerCase() !== "bearer" || !secret) {
      throw new AppError("UNAUTHENTICATED", "Send the token as: Authorization: Bearer <token>");
    }
    const actor: TokenActor | null = await findActorByTokenSecret(secret.trim());
    if (!actor) throw new AppError("UNAUTHENTICATED", "This API token is not valid (revoked, mistyped, or its owner is blocked)");
    // Counted once the token is known good, so made-up tokens add no counters; the key is hashed before it is stored.
    await enforceRateLimit({ policy: "api-token", key: secret.trim() });
    return actor;
  }
  const user = await getCurrentUser();
  if (!user) return null;
  if (request.method !== "GET" && request.method !== "HEAD" && !isSameOrigin(request)) {
    throw new AppError("FORBIDDEN", "Cross-site request refused");
  }
  return { ...user, scopes: null };
}

function isSameOrigin(request: Request): boolean {
  const fetchSite = request.headers.get("sec-fetch-site");
  if (fetchSite) return fetchSite === "same-origin";
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const host = request.headers.get("x-forwarded-host") ?? request.headers.get("host");
  return new URL(origin).host === host;
}
