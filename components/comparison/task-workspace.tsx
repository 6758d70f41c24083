"use client";

import type { ReactNode } from "react";
import { AnswerPanel } from "@/components/comparison/answer-panel";
import { LeaseEndedAlert } from "@/components/comparison/lease-ended-alert";
import { PracticeFeedbackPanel } from "@/components/comparison/practice-feedback-panel";
import { ResponseGrid } from "@/components/comparison/response-grid";
import { ShortcutsDialog } from "@/components/comparison/shortcuts-dialog";
import { SkipDialog } from "@/components/comparison/skip-dialog";
import { TaskHeader } from "@/components/comparison/task-header";
import { taskShortcuts } from "@/components/comparison/task-shortcuts";
import { useTaskWorkspace } from "@/components/comparison/use-task-workspace";
import type { WorkspaceTask } from "@/components/comparison/workspace-task";
import { Modal } from "@/components/ui/modal";

type Props = {
  task: WorkspaceTask;
  instructions: ReactNode;
  conversation: ReactNode;
  responses: { label: string; body: ReactNode }[];
  /** A word about the previous task, shown once (it was already answered in another tab). */
  notice?: string;
  /** Opened from a crowd-platform study (?study=): moving on stays in the study, and links back to it. */
  studyId?: string;
};

export function TaskWorkspace({ task, instructions, conversation, responses, notice, studyId }: Props) {
  const { project } = task;
  const workspace = useTaskWorkspace(task, studyId);
  const { draft, readiness, lease, dialog, setDialog } = workspace;
  // A practice answer is stored: its feedback replaces the answer panel until the worker goes on.
  const practice = workspace.moveOn.practice;
  const shortcuts = taskShortcuts({
    kind: project.judgmentKind,
    scale: project.pairwiseScale,
    responses: task.labels.length,
    instantSubmit: readiness.instantSubmit,
    allowTies: project.allowTies,
    allowBothBad: project.allowBothBad,
    hasFlags: readiness.hasFlags,
    hasRationale: project.rationaleMode !== "OFF",
  });

  return (
    <div data-interactive={workspace.interactive || undefined}>
      <TaskHeader projectName={project.name} studyId={studyId} hasInstructions={project.hasInstructions} lease={lease} onOpen={setDialog} />
      {notice && (
        <p role="status" className="mb-3 rounded border border-amber-300 bg-amber-50 p-2 text-sm text-amber-900">
          {notice}
        </p>
      )}
      <h1 className="mb-3 text-xl font-semibold wrap-anywhere">{project.question}</h1>
      {lease.ended && !practice && <LeaseEndedAlert ended={lease.ended} projectSlug={project.slug} studyId={studyId} />}
      <section className="mb-4">{conversation}</section>
      <ResponseGrid
        responses={responses}
        differences={workspace.differences}
        expanded={workspace.expanded}
        flagOptions={project.flagOptions}
        flags={draft.draft.flags}
        disabled={workspace.locked}
        onFlagsChange={(label, ids) => draft.update({ flags: { ...draft.draft.flags, [label]: ids } })}
      />
      {practice ? (
        <PracticeFeedbackPanel feedback={practice} projectSlug={project.slug} studyId={studyId} />
      ) : (
        <AnswerPanel task={task} workspace={workspace} />
      )}
      <Modal open={dialog === "instructions"} title="Instructions" onClose={() => setDialog(null)}>
        {instructions}
      </Modal>
      <ShortcutsDialog open={dialog === "help"} onClose={() => setDialog(null)} shortcuts={shortcuts} />
      <SkipDialog open={dialog === "skip"} onClose={() => setDialog(null)} onSkip={workspace.moveOn.skip} busy={workspace.locked} />
    </div>
  );
}
