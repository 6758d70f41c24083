// A one-minute ticket the server hands itself to sign a crowd-platform worker in without a password:
// the study entry route makes it and Auth.js's "platform" provider accepts it. It is an HMAC over
// the user id, the study session it signs them in to, and the expiry, keyed for this one purpose,
// so it proves nothing anywhere else.
import { createHmac, timingSafeEqual } from "node:crypto";
import { requireAuthSecret } from "@/lib/env";
import { isId } from "@/lib/validations/ids";

const PURPOSE = "preflab:platform-ticket:v2";
export const PLATFORM_TICKET_TTL_MS = 60_000;

type TicketOptions = { secret?: string; now?: number };
export type PlatformTicket = { userId: string; studySessionId: string };

function secretOf(secret: string | undefined): string {
  return secret ?? requireAuthSecret();
}

function mac(secret: string, payload: string): Buffer {
  return createHmac("sha256", secret).update(`${PURPOSE}\n${payload}`).digest();
}

/** "<userId>.<studySessionId>.<expires ms>.<base64url HMAC>" */
export function createPlatformTicket({ userId, studySessionId, secret, now = Date.now() }: PlatformTicket & TicketOptions): string {
  const payload = `${userId}.${studySessionId}.${now + PLATFORM_TICKET_TTL_MS}`;
  return `${payload}.${mac(secretOf(secret), payload).toString("base64url")}`;
}

/** The user and study session the ticket was made for, or null if it is forged, altered or expired. */
export function verifyPlatformTicket({ ticket, secret, now = Date.now() }: { ticket: unknown } & TicketOptions): PlatformTicket | null {
  if (typeof ticket !== "string" || ticket.length > 200) return null;
  const match = /^([^.]+)\.([^.]+)\.(\d{1,16})\.([A-Za-z0-9_-]{43})$/.exec(ticket);
  if (!match || !isId(match[1]) || !isId(match[2])) return null;
  const [, userId, studySessionId, expires, signature] = match;
  const expected = mac(secretOf(secret), `${userId}.${studySessionId}.${expires}`);
  const given = Buffer.from(signature, "base64url");
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
  return Number(expires) > now ? { userId, studySessionId } : null;
}
