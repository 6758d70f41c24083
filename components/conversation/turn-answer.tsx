"use client";

import type { ReactNode } from "react";
import { RankingBoard } from "@/components/comparison/ranking-board";
import { RationaleBox } from "@/components/comparison/rationale-box";
import { ResponseGrid } from "@/components/comparison/response-grid";
import { StrengthScale } from "@/components/comparison/strength-scale";
import { useExpanded } from "@/components/comparison/use-expanded";
import { useResponseDiffs } from "@/components/comparison/use-response-diffs";
import type { WorkspaceTask } from "@/components/comparison/workspace-task";
import { EditPickedReply } from "@/components/conversation/edit-picked-reply";
import { useTurnAnswer } from "@/components/conversation/use-turn-answer";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { toGroups } from "@/lib/ranking-order";

type Props = {
  conversationId: string;
  turnId: string;
  task: WorkspaceTask;
  /** The responses, formatted on the server, and their plain text (what an edit starts from). */
  responses: { label: string; body: ReactNode; text: string }[];
};

/** A complete turn: the responses side by side, the worker's preference, an optional edit of the pick, and Continue. */
export function TurnAnswer({ conversationId, turnId, task, responses }: Props) {
  const { project } = task;
  const texts = Object.fromEntries(responses.map((response) => [response.label, response.text]));
  const answer = useTurnAnswer({ task, conversationId, turnId, texts });
  const differences = useResponseDiffs(task.assignmentId);
  const expanded = useExpanded(task.labels);
  const { draft } = answer;
  return (
    <div>
      <ResponseGrid
        responses={responses}
        differences={differences}
        expanded={expanded}
        flagOptions={project.flagOptions}
        flags={draft.draft.flags}
        disabled={answer.sending}
        onFlagsChange={(label, ids) => draft.update({ flags: { ...draft.draft.flags, [label]: ids } })}
      />
      <section aria-label="Your answer" className="mt-4 rounded-lg border border-slate-200 bg-white p-4">
        {project.judgmentKind === "PAIRWISE" ? (
          <StrengthScale
            scale={project.pairwiseScale}
            chosen={draft.draft.strength ?? null}
            disabled={answer.sending}
            onChoose={(strength) => draft.update({ strength })}
          />
        ) : (
          <RankingBoard
            ranking={answer.ranking}
            previews={task.previews}
            allowTies={project.allowTies}
            disabled={answer.sending}
            onChange={(next) => draft.update({ ranking: toGroups(next) })}
          />
        )}
        {project.rationaleMode !== "OFF" && (
          <RationaleBox
            mode={project.rationaleMode}
            minLength={project.rationaleMinLength}
            value={draft.draft.rationale ?? ""}
            disabled={answer.sending}
            onChange={(rationale) => draft.update({ rationale })}
            onSubmit={answer.submit}
          />
        )}
        {answer.picked && <EditPickedReply label={answer.picked} edit={answer.edit} disabled={answer.sending} />}
        <div className="mt-4 flex flex-wrap items-center justify-end gap-3">
          <Button type="button" onClick={answer.submit} disabled={!answer.canSubmit}>
            {answer.sending ? "Saving…" : "Continue with this response"} <kbd className="text-xs opacity-80">Enter</kbd>
          </Button>
        </div>
        <p role="status" aria-live="polite" className="mt-2 text-sm text-slate-600">
          {!answer.readiness.hasPreference
            ? "Choose which response is better to go on."
            : answer.readiness.rationaleShort
              ? "Explain your choice to go on."
              : ""}
        </p>
        <FormError message={answer.error} />
      </section>
    </div>
  );
}
