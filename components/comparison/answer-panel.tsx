"use client";

import { PreferenceInput } from "@/components/comparison/preference-input";
import { RationaleBox } from "@/components/comparison/rationale-box";
import { TaskStatusLine } from "@/components/comparison/task-status-line";
import type { TaskWorkspaceModel } from "@/components/comparison/use-task-workspace";
import type { WorkspaceTask } from "@/components/comparison/workspace-task";
import { Button } from "@/components/ui/button";
import { PAIRWISE_SCALES } from "@/lib/judgment-scales";

/** The worker's answer: the preference, the rationale, skip and submit, and where the answer stands. */
export function AnswerPanel({ task, workspace }: { task: WorkspaceTask; workspace: TaskWorkspaceModel }) {
  const { project } = task;
  const { draft, readiness, locked, lease, moveOn } = workspace;
  return (
    // Less padding on phones: the eight scale buttons need 298 px of a 360 px screen.
    <section aria-label="Your answer" className="mt-4 rounded-lg border border-slate-200 bg-white p-3 sm:p-4">
      <PreferenceInput task={task} workspace={workspace} />
      {project.rationaleMode !== "OFF" && (
        <RationaleBox
          mode={project.rationaleMode}
          minLength={project.rationaleMinLength}
          value={draft.draft.rationale ?? ""}
          disabled={locked}
          onChange={(rationale) => draft.update({ rationale })}
          onSubmit={workspace.trySubmit}
        />
      )}
      <div className="mt-4 flex flex-wrap items-center justify-between gap-3">
        <button type="button" onClick={() => workspace.setDialog("skip")} disabled={locked} className="text-sm text-slate-600 underline disabled:opacity-50">
          Skip this task <kbd className="text-xs">S</kbd>
        </button>
        {!readiness.instantSubmit && (
          <Button type="button" onClick={workspace.trySubmit} disabled={!workspace.canSubmit}>
            Submit <kbd className="text-xs opacity-80">Enter</kbd>
          </Button>
        )}
      </div>
      <TaskStatusLine
        submitState={moveOn.submitState}
        draftStatus={draft.status}
        leaseError={moveOn.skipError ?? lease.error ?? ""}
        needsPreference={!readiness.hasPreference}
        rationaleShort={readiness.rationaleShort}
        instantSubmit={readiness.instantSubmit}
        answerKeys={`1–${PAIRWISE_SCALES[project.pairwiseScale].length}`}
      />
    </section>
  );
}
