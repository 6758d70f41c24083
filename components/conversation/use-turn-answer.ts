"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import { answerFrom } from "@/components/comparison/answer-from";
import { answerReadiness } from "@/components/comparison/answer-readiness";
import { useDraft } from "@/components/comparison/use-draft";
import { useShortcuts } from "@/components/comparison/use-shortcuts";
import type { WorkspaceTask } from "@/components/comparison/workspace-task";
import { useEditedReply } from "@/components/conversation/use-edited-reply";
import { NETWORK_ERROR, useServerAction } from "@/components/ui/use-server-action";
import { answerTurnAction } from "@/lib/actions/conversations";
import { PAIRWISE_SCALES } from "@/lib/judgment-scales";
import { fromGroups, initialOrder, toGroups, type RankingOrder } from "@/lib/ranking-order";
import type { Draft } from "@/lib/validations/judgment";

const MAX_RETRY_DELAY_MS = 10_000;

/** The response the conversation goes on with: the best one; in a tie, the one shown first (as the server picks). */
export function pickedLabel(task: WorkspaceTask, draft: Draft, ranking: RankingOrder): string | null {
  if (task.project.judgmentKind === "PAIRWISE") {
    if (draft.strength === undefined || draft.strength === null) return null;
    return draft.strength > 0 ? task.labels[1] : task.labels[0];
  }
  return [...toGroups(ranking)[0]].sort()[0];
}

/**
 * Answering a live turn: the preference (drafted as for any task), the edit of the pick, and the
 * submit, retried after a lost connection with the same idempotency key (stored once, whatever the
 * retries). Once stored, the server renders the conversation on from the pick.
 */
export function useTurnAnswer({
  task,
  conversationId,
  turnId,
  texts,
}: {
  task: WorkspaceTask;
  conversationId: string;
  turnId: string;
  texts: Record<string, string>;
}) {
  const router = useRouter();
  const draft = useDraft(task.assignmentId, task.draft);
  const ranking = draft.draft.ranking ? fromGroups(draft.draft.ranking) : initialOrder(task.labels);
  const readiness = answerReadiness(task.project, draft.draft);
  const picked = pickedLabel(task, draft.draft, ranking);
  const edit = useEditedReply(task.assignmentId, picked ? texts[picked] : "");
  const sending = useServerAction(answerTurnAction);
  const [error, setError] = useState<string | null>(null);
  // The ref guards against a second submit in the same instant; the state shows it.
  const busy = useRef(false);
  const [submitting, setSubmitting] = useState(false);
  const canSubmit = !submitting && readiness.hasPreference && !readiness.rationaleShort && (!edit.editing || edit.text.trim() !== "");

  const submit = async () => {
    if (busy.current || !canSubmit) return;
    busy.current = true;
    setSubmitting(true);
    draft.cancelPendingSave();
    const input = { conversationId, turnId, answer: answerFrom(draft.draft, task, ranking), editedReply: edit.editing ? edit.text : undefined };
    for (let attempt = 0; ; attempt++) {
      const result = await sending.run(input);
      if (result?.ok) {
        draft.forget();
        edit.forget();
        return router.refresh();
      }
      if (result && result.code !== NETWORK_ERROR) {
        busy.current = false;
        setSubmitting(false);
        return setError(result.error);
      }
      setError(`Could not reach the server; trying again (your answer is kept)…`);
      await new Promise((resolve) => setTimeout(resolve, Math.min(MAX_RETRY_DELAY_MS, 1000 * 2 ** attempt)));
    }
  };

  useShortcuts((event) => {
    const levels = PAIRWISE_SCALES[task.project.pairwiseScale];
    const digit = Number(event.key);
    if (task.project.judgmentKind === "PAIRWISE" && digit >= 1 && digit <= levels.length) draft.update({ strength: levels[digit - 1].strength });
    else if (event.key === "Enter" && !(event.target instanceof HTMLButtonElement)) void submit();
    else return false;
    return true;
  });

  return { draft, ranking, readiness, picked, edit, canSubmit, submit: () => void submit(), sending: submitting, error };
}
