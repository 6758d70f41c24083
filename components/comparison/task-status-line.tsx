import type { DraftStatus } from "@/components/comparison/send-draft";
import type { SubmitState } from "@/components/comparison/use-submit";

const DRAFT_TEXT: Record<DraftStatus, string> = {
  saved: "Your work is saved",
  saving: "Saving your work…",
  unsaved: "Saving your work…",
  offline: "Not reaching the server: your work is kept on this device and saved when it is back",
};

/** One live line saying where the answer stands. */
export function TaskStatusLine({
  submitState,
  draftStatus,
  leaseError,
  needsPreference,
  rationaleShort,
  instantSubmit,
  answerKeys,
}: {
  submitState: SubmitState;
  draftStatus: DraftStatus;
  leaseError: string;
  needsPreference: boolean;
  rationaleShort: boolean;
  instantSubmit: boolean;
  answerKeys: string;
}) {
  let message: { text: string; alert?: boolean };
  if (submitState.kind === "sending") message = { text: "Sending your answer…" };
  else if (submitState.kind === "retrying")
    message = { text: `Connection lost: trying again in ${submitState.inSeconds} s. Your answer is kept.`, alert: true };
  else if (submitState.kind === "refused") message = { text: submitState.message, alert: true };
  else if (leaseError) message = { text: leaseError, alert: true };
  else if (instantSubmit) message = { text: `Press a button or a key ${answerKeys} to answer` };
  else if (needsPreference) message = { text: `Choose an answer first · ${DRAFT_TEXT[draftStatus]}` };
  else if (rationaleShort) message = { text: `Say why before you submit · ${DRAFT_TEXT[draftStatus]}` };
  else message = { text: DRAFT_TEXT[draftStatus] };
  return (
    <p aria-live="polite" className={`mt-3 min-h-6 text-sm ${message.alert ? "text-red-700" : "text-slate-600"}`} role={message.alert ? "alert" : undefined}>
      {message.text}
    </p>
  );
}
