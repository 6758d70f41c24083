"use client";

import { useEffect, useEffectEvent, useRef, useState, type RefObject } from "react";
import type { LeaseEnd } from "@/components/comparison/use-lease";
import { useSubmit } from "@/components/comparison/use-submit";
import type { WorkspaceTask } from "@/components/comparison/workspace-task";
import { useServerAction } from "@/components/ui/use-server-action";
import { skipInStudyAction, submitInStudyAction } from "@/lib/actions/studies";
import { skipAndContinueAction, submitAndContinueAction } from "@/lib/actions/tasks";
import type { PracticeFeedbackView } from "@/lib/data/practice-feedback-view";
import type { SubmitJudgmentInput } from "@/lib/validations/judgment";

type Options = {
  task: WorkspaceTask;
  /** In a crowd-platform study, moving on stays in the study. */
  studyId?: string;
  answer: RefObject<SubmitJudgmentInput>;
  draft: { forget: () => void; cancelPendingSave: () => void };
  onLeaseEnded: (why: LeaseEnd) => void;
};

/**
 * The two ways off a task, each storing its outcome and opening the next task; an answer to a practice
 * item stays with its feedback (practice) until the worker goes on.
 */
export function useSubmitOrSkip({ task, studyId, answer, draft, onLeaseEnded }: Options) {
  const { assignmentId } = task;
  const projectSlug = task.project.slug;
  // Set while an answer or a skip is on its way; the page moves on only when it is stored.
  const leaving = useRef(false);
  const [practice, setPractice] = useState<PracticeFeedbackView | null>(null);

  const { submit, state, sending } = useSubmit(
    async () => {
      leaving.current = true;
      draft.cancelPendingSave();
      const result = studyId
        ? await submitInStudyAction({ studyId, assignmentId, answer: answer.current })
        : await submitAndContinueAction({ assignmentId, projectSlug, answer: answer.current });
      if (result && !result.ok) {
        leaving.current = false;
        if (result.code === "LEASE_EXPIRED") onLeaseEnded("expired");
        if (result.code === "GONE") onLeaseEnded("withdrawn");
      }
      return result;
    },
    (data: { practice?: PracticeFeedbackView }) => setPractice(data.practice ?? null),
  );

  const skipping = useServerAction((reason: string) =>
    studyId ? skipInStudyAction({ studyId, assignmentId, reason }) : skipAndContinueAction({ assignmentId, projectSlug, reason }),
  );
  const skip = async (reason: string) => {
    leaving.current = true;
    const result = await skipping.run(reason);
    if (result && !result.ok) leaving.current = false;
  };

  // Leaving the page after a successful submit (the only way it navigates) ends the local draft. Only
  // on leaving: run on every render, it would drop this browser's copy while a submit still retries.
  const forgetIfLeaving = useEffectEvent(() => void (leaving.current && draft.forget()));
  useEffect(() => () => forgetIfLeaving(), []);

  return { submit, submitState: state, sending, practice, skip: (reason: string) => void skip(reason), skipError: skipping.error };
}
