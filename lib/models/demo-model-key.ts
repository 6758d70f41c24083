// The API key of the built-in demo models. It is derived from the server secret rather than stored, so the
// app can call its own endpoint with it and nobody outside, knowing only the URL, can use the endpoint.
import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { requireAuthSecret } from "@/lib/env";

const PURPOSE = "preflab demo model";

/** HMAC-SHA256 of "preflab demo model" keyed by AUTH_SECRET, in hex. */
export function demoModelKey(): string {
  return createHmac("sha256", requireAuthSecret()).update(PURPOSE).digest("hex");
}

/** Whether the request carries `Authorization: Bearer <demo model key>`, compared in constant time. */
export function hasDemoModelKey(request: Request): boolean {
  const given = /^Bearer (\S+)$/i.exec(request.headers.get("authorization")?.trim() ?? "")?.[1];
  if (!given) return false;
  const expected = Buffer.from(demoModelKey());
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
