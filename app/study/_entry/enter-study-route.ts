// What both study links do once their parameters are read: refuse to replace a staff session,
// record the visit, sign the worker in with a server-signed ticket, and send them to the study page.
import { unstable_rethrow } from "next/navigation";
import type { z } from "zod";
import { signIn } from "@/lib/auth/auth";
import { createPlatformTicket } from "@/lib/auth/platform-ticket";
import { getCurrentUser } from "@/lib/auth/session";
import { clientAddress } from "@/lib/client-address";
import { enterStudy, type StudyEntry } from "@/lib/data/studies-entry";
import type { Actor } from "@/lib/data/users";
import { env, requireAuthSecret } from "@/lib/env";
import { isAppError } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/formats/zod-issues";
import { clientAddressOf, clientKeyOf } from "@/lib/http/client-address";
import { enforceRateLimit } from "@/lib/rate-limit";
import { entryPageResponse } from "./entry-page-response";

export function queryOf(request: Request): Record<string, string> {
  return Object.fromEntries(new URL(request.url).searchParams);
}

export function invalidLinkResponse(error: z.ZodError): Promise<Response> {
  return entryPageResponse({
    status: 400,
    title: "This study link is incomplete",
    message:
      "The link from the platform is missing a parameter or has one we cannot use. Open the study again from the platform; if this keeps happening, tell the researchers.",
    details: fieldErrorsFromZod(error).map((d) => (d.field ? `${d.field} ${d.message}` : d.message)),
  });
}

/**
 * A study link's rate limits, per client address and per study (each entry may make an account):
 * past either, a plain page with 429 and Retry-After; null lets the entry go on.
 */
export async function limitStudyEntry(request: Request, studyId: string): Promise<Response | null> {
  try {
    await enforceRateLimit([
      { policy: "study-entry-client", key: clientAddress(request.headers) },
      { policy: "study-entry-study", key: studyId },
    ]);
    return null;
  } catch (error) {
    if (!isAppError(error) || error.code !== "RATE_LIMITED") throw error;
    return entryPageResponse({ status: 429, title: "Please wait a moment", message: `${error.message}.`, retryAfterSeconds: error.retryAfterSeconds });
  }
}

const TITLES: Partial<Record<string, string>> = {
  STUDY_CLOSED: "This study is closed",
  STUDY_FULL: "This study is full",
  RATE_LIMITED: "Please try again later",
  NOT_FOUND: "No such study",
  FORBIDDEN: "You cannot take part",
  CONFLICT: "This session is taken",
};

// Someone signed in with an account of their own (an admin trying the link, say) keeps it: a study
// link never replaces that session with a participant's.
function signedInElsewhereResponse(user: Actor): Promise<Response> {
  const staff = user.role !== "WORKER";
  return entryPageResponse({
    status: 409,
    title: staff ? "You are signed in as staff" : "You are signed in with your own account",
    message: `You are signed in to Preflab as ${user.email}, so this study link did not sign you in as a participant. To try the study, sign out first or open the link in a private window.`,
    link: { href: "/", label: "Back to Preflab", newTab: false },
  });
}

function clientKeyOfRequest(request: Request): string {
  return clientKeyOf(clientAddressOf(request.headers, { trustedProxies: env().TRUST_PROXY }), { secret: requireAuthSecret() });
}

type LinkEntry = Omit<StudyEntry, "clientKey" | "currentStudySessionId">;

export async function enterAndSignIn(request: Request, entry: LinkEntry): Promise<Response> {
  try {
    const current = await getCurrentUser();
    if (current && !current.studySessionId) return signedInElsewhereResponse(current);
    const { userId, studySessionId } = await enterStudy({
      ...entry,
      clientKey: clientKeyOfRequest(request),
      currentStudySessionId: current?.studySessionId ?? null,
    });
    // The ticket goes straight to Auth.js inside this request; it never reaches the browser.
    await signIn("platform", { ticket: createPlatformTicket({ userId, studySessionId }), redirectTo: `/study/${entry.studyId}` });
    throw new Error("signIn returned without redirecting");
  } catch (error) {
    unstable_rethrow(error);
    if (!isAppError(error)) throw error;
    return entryPageResponse({ status: error.status, title: TITLES[error.code] ?? "This study link did not work", message: error.message });
  }
}
