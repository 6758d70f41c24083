import type { WorkspaceTask } from "@/components/comparison/workspace-task";
import { toGroups, type RankingOrder } from "@/lib/ranking-order";
import type { Draft, SubmitJudgmentInput } from "@/lib/validations/judgment";

/** The answer to send for the draft: only what the project asks for, and no empty flags. */
export function answerFrom(draft: Draft, task: WorkspaceTask, ranking: RankingOrder): SubmitJudgmentInput {
  const { project } = task;
  const preference = draft.bothBad
    ? { bothBad: true }
    : project.judgmentKind === "PAIRWISE"
      ? { strength: draft.strength ?? undefined }
      : { ranking: toGroups(ranking) };
  const flags = Object.fromEntries(Object.entries(draft.flags ?? {}).filter(([, ids]) => ids.length > 0));
  return {
    ...preference,
    ...(Object.keys(flags).length > 0 ? { flags } : {}),
    ...(project.rationaleMode !== "OFF" && draft.rationale?.trim() ? { rationale: draft.rationale } : {}),
    // One key per task: a double click, a retry or a second tab all name the same answer.
    idempotencyKey: `web-${task.assignmentId}`,
  };
}
