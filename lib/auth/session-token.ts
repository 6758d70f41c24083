import "server-only";
import { cookies, headers } from "next/headers";
import { getToken } from "next-auth/jwt";
import { requireAuthSecret } from "@/lib/env";

const SECURE_COOKIE = "__Secure-authjs.session-token";

/**
 * The signed-in user's id from the session cookie: decrypted and checked, nothing more. Auth.js's
 * auth() also re-issues the cookie, which a page render cannot send anyway, and that made up most
 * of the time a page spent on the session.
 */
export async function readSessionUserId(): Promise<string | null> {
  const secureCookie = (await cookies()).has(SECURE_COOKIE);
  const token = await getToken({ req: { headers: await headers() }, secret: requireAuthSecret(), secureCookie });
  return typeof token?.sub === "string" ? token.sub : null;
}
