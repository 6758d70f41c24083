import type { PlatformName } from "@/lib/validations/study";

/**
 * The link to paste into the platform. Prolific replaces the {{%...%}} placeholders itself; MTurk
 * appends workerId, assignmentId, hitId and turkSubmitTo to an ExternalQuestion's URL.
 */
export function studyEntryUrl({ origin, studyId, platform }: { origin: string; studyId: string; platform: PlatformName }): string {
  if (platform === "MTURK") return `${origin}/study/${studyId}/mturk`;
  return `${origin}/study/${studyId}/prolific?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}`;
}
