// MTurk's ExternalQuestion link: MTurk appends ?assignmentId=&hitId=&turkSubmitTo=&workerId=
// (a preview has assignmentId=ASSIGNMENT_ID_NOT_AVAILABLE and no workerId).
import { redirect } from "next/navigation";
import { enterAndSignIn, invalidLinkResponse, queryOf } from "@/app/study/_entry/enter-study-route";
import { env } from "@/lib/env";
import { isMturkPreview, mturkEntrySchema } from "@/lib/validations/study";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const query = queryOf(request);
  // A preview stores nothing and signs no one in: the worker must accept the HIT first.
  if (isMturkPreview(query)) redirect(`/study/${encodeURIComponent(id)}/preview`);
  const parsed = mturkEntrySchema({ extraSubmitOrigins: env().MTURK_SUBMIT_HOSTS }).safeParse(query);
  if (!parsed.success) return invalidLinkResponse(parsed.error);
  const { workerId, assignmentId, hitId, turkSubmitTo } = parsed.data;
  return enterAndSignIn({ studyId: id, platform: "MTURK", participantId: workerId, externalSessionId: assignmentId, hitId, submitTo: turkSubmitTo });
}
