import type { WorkspaceTask } from "@/components/comparison/workspace-task";
import type { Draft } from "@/lib/validations/judgment";

/** Where the draft stands against the project's rules, and whether a choice answers at once. */
export function answerReadiness(project: WorkspaceTask["project"], draft: Draft) {
  const hasFlags = project.flagOptions.length > 0;
  return {
    hasFlags,
    // Nothing else to ask: a key or a button on the scale is the whole answer.
    instantSubmit: project.judgmentKind === "PAIRWISE" && project.rationaleMode === "OFF" && !hasFlags && !project.allowBothBad,
    rationaleShort: project.rationaleMode === "REQUIRED" && (draft.rationale ?? "").trim().length < Math.max(1, project.rationaleMinLength),
    hasPreference: Boolean(draft.bothBad) || project.judgmentKind === "RANKING" || (draft.strength !== undefined && draft.strength !== null),
  };
}
