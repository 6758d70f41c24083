// MTurk's ExternalQuestion link: MTurk appends ?assignmentId=&hitId=&turkSubmitTo=&workerId=
// (a preview has assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE and no workerId).
import { redirect } from "next/navigation";
import { entryPageResponse } from "@/app/study/_entry/entry-page-response";
import { enterAndSignIn, invalidLinkResponse, limitStudyEntry, queryOf } from "@/app/study/_entry/enter-study-route";
import { env } from "@/lib/env";
import { isMturkPreview, mturkEntrySchema } from "@/lib/validations/study";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const query = queryOf(request);
  // A preview stores nothing and signs no one in: the worker must accept the HIT first.
  if (isMturkPreview(query)) redirect(`/study/${encodeURIComponent(id)}/preview`);
  // After the preview, which stores nothing: workers browsing HITs do not use up the study's entries.
  const limited = await limitStudyEntry(request, id);
  if (limited) return limited;
  const parsed = mturkEntrySchema({ extraSubmitOrigins: env().MTURK_SUBMIT_HOSTS }).safeParse(query);
  if (!parsed.success) return invalidLinkResponse(parsed.error);
  const { workerId, assignmentId, hitId, turkSubmitTo } = parsed.data;
  // MTurk shows the link in a frame on its own site, where browsers neither set nor send the session
  // cookie (SameSite=Lax). The same link in a tab of its own signs the worker in; nothing is stored
  // until then.
  if (request.headers.get("sec-fetch-dest") === "iframe") {
    return entryPageResponse({
      status: 200,
      title: "Open the task in its own tab",
      message: "The task runs in a tab of its own. When you have stored the judgments it asks for, submit the HIT from that tab.",
      link: { href: `/study/${encodeURIComponent(id)}/mturk?${new URLSearchParams(parsed.data)}`, label: "Open the task in a new tab" },
    });
  }
  return enterAndSignIn(request, { studyId: id, platform: "MTURK", participantId: workerId, externalSessionId: assignmentId, hitId, submitTo: turkSubmitTo });
}
