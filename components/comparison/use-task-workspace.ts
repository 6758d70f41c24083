"use client";

import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { answerFrom } from "@/components/comparison/answer-from";
import { answerReadiness } from "@/components/comparison/answer-readiness";
import { useDraft } from "@/components/comparison/use-draft";
import { useExpanded } from "@/components/comparison/use-expanded";
import { useLease } from "@/components/comparison/use-lease";
import { useResponseDiffs } from "@/components/comparison/use-response-diffs";
import { useSubmitOrSkip } from "@/components/comparison/use-submit-or-skip";
import { useTaskKeys } from "@/components/comparison/use-task-keys";
import type { WorkspaceTask } from "@/components/comparison/workspace-task";
import { fromGroups, initialOrder } from "@/lib/ranking-order";

export type TaskDialog = "help" | "instructions" | "skip";

/**
 * What the task page does: the draft, the lease, answering, moving on and the keys. TaskWorkspace
 * lays it out.
 */
export function useTaskWorkspace(task: WorkspaceTask, studyId?: string) {
  const { project } = task;
  const draft = useDraft(task.assignmentId, task.draft);
  const ranking = draft.draft.ranking ? fromGroups(draft.draft.ranking) : initialOrder(task.labels);
  const differences = useResponseDiffs(task.assignmentId);
  const expanded = useExpanded(task.labels);
  const [dialog, setDialog] = useState<TaskDialog | null>(task.firstInProject && project.hasInstructions ? "instructions" : null);
  const lease = useLease(task);
  // Set once hydrated: keys work from then on (tests and the benchmark wait for it).
  const [interactive, setInteractive] = useState(false);
  useEffect(() => setInteractive(true), []);

  const readiness = answerReadiness(project, draft.draft);
  // What a submit sends: kept current after each render, read when the worker submits (an event).
  const answer = useRef(answerFrom(draft.draft, task, ranking));
  useLayoutEffect(() => {
    answer.current = answerFrom(draft.draft, task, ranking);
  });
  const moveOn = useSubmitOrSkip({ task, studyId, answer, draft, onLeaseEnded: lease.setEnded });

  const locked = moveOn.sending || moveOn.practice !== null || lease.ended !== null;
  const canSubmit = !locked && readiness.hasPreference && !readiness.rationaleShort;
  const trySubmit = () => canSubmit && moveOn.submit();
  const choose = (strength: number) => {
    draft.update({ strength, bothBad: false });
    if (readiness.instantSubmit && !locked) {
      answer.current = answerFrom({ ...draft.draft, strength, bothBad: false }, task, ranking);
      moveOn.submit();
    }
  };

  useTaskKeys({
    project,
    locked,
    hasFlags: readiness.hasFlags,
    bothBad: Boolean(draft.draft.bothBad),
    choose,
    trySubmit,
    setBothBad: (bothBad) => draft.update({ bothBad }),
    toggleDifferences: differences.toggle,
    toggleExpanded: expanded.toggleAll,
    openDialog: setDialog,
    extend: () => void lease.extend(),
  });

  return { draft, ranking, differences, expanded, dialog, setDialog, lease, interactive, readiness, moveOn, locked, canSubmit, trySubmit, choose };
}

export type TaskWorkspaceModel = ReturnType<typeof useTaskWorkspace>;
