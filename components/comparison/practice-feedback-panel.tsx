"use client";

import Link from "next/link";
import { useRef } from "react";
import { referenceText } from "@/components/comparison/reference-text";
import { useShortcuts } from "@/components/comparison/use-shortcuts";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { claimStudyTaskAction } from "@/lib/actions/studies";
import { claimNextTaskAction } from "@/lib/actions/tasks";
import type { PracticeFeedbackView } from "@/lib/data/practice-feedback-view";

const OUTCOME_MESSAGES = {
  QUALIFIED: "You passed the practice set: real tasks come next.",
  FAILED: "You did not reach the pass mark, so this project has no tasks for you for now. An admin may let you try the practice set again.",
} as const;

/**
 * What a worker sees after answering a practice item, instead of moving on at once: right or wrong, the
 * reference, why, and how the practice set stands. "Next" (focused; Enter) goes on; after a failed
 * practice set it goes back to the task list (or the study's page), which says why.
 */
export function PracticeFeedbackPanel({ feedback, projectSlug, studyId }: { feedback: PracticeFeedbackView; projectSlug: string; studyId?: string }) {
  const next = useServerAction(() => (studyId ? claimStudyTaskAction(studyId) : claimNextTaskAction(projectSlug)));
  const nextLink = useRef<HTMLAnchorElement>(null);
  const failed = feedback.outcome === "FAILED";
  const goOn = () => (failed ? nextLink.current?.click() : void next.run());
  // Enter goes on wherever the focus is, as it submits on the task; on a button or link it is theirs.
  useShortcuts((event) => {
    if (event.key !== "Enter" || event.target instanceof HTMLButtonElement || event.target instanceof HTMLAnchorElement) return false;
    goOn();
    return true;
  });
  const passMark = `${Math.round(feedback.passMark * 100)}%`;
  return (
    <section
      aria-label="Practice feedback"
      data-testid="practice-feedback"
      className={`mt-4 rounded-lg border p-3 sm:p-4 ${feedback.correct ? "border-green-300 bg-green-50" : "border-amber-300 bg-amber-50"}`}
    >
      <div role="status">
        <h2 className="text-lg font-semibold">{feedback.correct ? "Right" : "Not quite"}</h2>
        <p className="mt-1">{referenceText(feedback.reference)}</p>
      </div>
      {feedback.note && <p className="mt-2 whitespace-pre-wrap text-slate-800 wrap-anywhere">{feedback.note}</p>}
      <p className="mt-3 text-sm text-slate-700">
        Practice: {feedback.answered} of {feedback.total} answered, {feedback.correctSoFar} right, pass mark {passMark}.
      </p>
      {feedback.outcome !== "PRACTISING" && (
        <p role="alert" className={`mt-3 font-medium ${failed ? "text-red-800" : "text-green-800"}`}>
          {OUTCOME_MESSAGES[feedback.outcome]}
        </p>
      )}
      <div className="mt-4 text-right">
        {failed ? (
          <Link
            ref={nextLink}
            href={studyId ? `/study/${studyId}` : "/tasks"}
            autoFocus
            className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700"
          >
            Next <kbd className="text-xs opacity-80">Enter</kbd>
          </Link>
        ) : (
          <Button type="button" autoFocus disabled={next.pending} onClick={goOn}>
            {next.pending ? "Opening…" : "Next"} <kbd className="text-xs opacity-80">Enter</kbd>
          </Button>
        )}
        <FormError message={next.error} className="mt-1" />
      </div>
    </section>
  );
}
