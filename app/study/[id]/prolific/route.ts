// Prolific's study link: ?PROLIFIC_PID=&STUDY_ID=&SESSION_ID=
import { enterAndSignIn, invalidLinkResponse, limitStudyEntry, queryOf } from "@/app/study/_entry/enter-study-route";
import { prolificEntrySchema } from "@/lib/validations/study";

export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const limited = await limitStudyEntry(request, id);
  if (limited) return limited;
  const parsed = prolificEntrySchema.safeParse(queryOf(request));
  if (!parsed.success) return invalidLinkResponse(parsed.error);
  return enterAndSignIn(request, { studyId: id, platform: "PROLIFIC", participantId: parsed.data.PROLIFIC_PID, externalSessionId: parsed.data.SESSION_ID });
}
