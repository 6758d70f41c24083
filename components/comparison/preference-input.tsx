"use client";

import { RankingBoard } from "@/components/comparison/ranking-board";
import { StrengthScale } from "@/components/comparison/strength-scale";
import type { TaskWorkspaceModel } from "@/components/comparison/use-task-workspace";
import type { WorkspaceTask } from "@/components/comparison/workspace-task";
import { toGroups } from "@/lib/ranking-order";

/** The preference itself: the pairwise scale or the ranking, and "both bad" where allowed. */
export function PreferenceInput({ task, workspace }: { task: WorkspaceTask; workspace: TaskWorkspaceModel }) {
  const { project } = task;
  const { draft, update } = workspace.draft;
  const { locked } = workspace;
  return (
    <>
      {project.judgmentKind === "PAIRWISE" ? (
        <StrengthScale
          scale={project.pairwiseScale}
          chosen={draft.bothBad ? null : (draft.strength ?? null)}
          disabled={locked || Boolean(draft.bothBad)}
          onChoose={workspace.choose}
        />
      ) : (
        <RankingBoard
          ranking={workspace.ranking}
          previews={task.previews}
          allowTies={project.allowTies}
          disabled={locked || Boolean(draft.bothBad)}
          onChange={(next) => update({ ranking: toGroups(next) })}
        />
      )}
      {project.allowBothBad && (
        <label className="mt-3 flex items-center justify-center gap-2 text-sm">
          <input
            type="checkbox"
            checked={Boolean(draft.bothBad)}
            disabled={locked}
            onChange={(event) => update({ bothBad: event.target.checked })}
            className="h-4 w-4"
          />
          {task.labels.length === 2 ? "Both are bad" : "None is acceptable"} <kbd className="text-xs text-slate-500">B</kbd>
        </label>
      )}
    </>
  );
}
