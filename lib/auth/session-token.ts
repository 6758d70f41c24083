import "server-only";
import { cookies, headers } from "next/headers";
import { getToken } from "next-auth/jwt";
import { requireAuthSecret } from "@/lib/env";

const SECURE_COOKIE = "__Secure-authjs.session-token";

export type SessionClaims = { userId: string; studySessionId: string | null };

/**
 * The signed-in user's id (and, for a platform account, the study session it was signed in for) from
 * the session cookie: decrypted and checked, nothing more. Auth.js's auth() also re-issues the
 * cookie, which a page render cannot send anyway, and that made up most of the time a page spent on
 * the session.
 */
export async function readSession(): Promise<SessionClaims | null> {
  const secureCookie = (await cookies()).has(SECURE_COOKIE);
  const token = await getToken({ req: { headers: await headers() }, secret: requireAuthSecret(), secureCookie });
  if (typeof token?.sub !== "string") return null;
  return { userId: token.sub, studySessionId: typeof token.sid === "string" ? token.sid : null };
}
