import "server-only";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { AppError, isAppError } from "@/lib/errors";
import type { ChatMessage } from "@/lib/formats/item";
import type { Actor } from "@/lib/data/users";
import { claimTask } from "@/lib/data/claim-task";
import { hasJudgedInProjectSql } from "@/lib/data/worker-counts";
import { responseLabel } from "@/lib/judgment-scales";
import { MAX_LEASE_EXTENSIONS, type TaskProject, type TaskView } from "@/lib/data/task-view";
import type { Draft } from "@/lib/validations/judgment";
import { isId } from "@/lib/validations/ids";

export type { TaskView };

/** Leases the next task of the project for the worker (see claim-task.ts for the rules). */
export async function claimNextTask({ actor, projectSlug }: { actor: Actor; projectSlug: string }): Promise<string | null> {
  return claimTask(pool(), { workerId: actor.id, projectSlug, studySessionId: actor.studySessionId ?? null });
}

/**
 * The claim that follows a stored answer or a skip. Reaching the daily cap there is no error (the
 * answer stands): it gives "capped", and the worker goes back to a list that says so.
 */
export async function unlessCapped(claim: Promise<string | null>): Promise<string | null | "capped"> {
  try {
    return await claim;
  } catch (error) {
    if (isAppError(error) && error.code === "DAILY_CAP_REACHED") return "capped";
    throw error;
  }
}

type TaskRow = {
  id: string;
  status: "ACTIVE" | "SUBMITTED" | "EXPIRED" | "RELEASED" | "REVOKED";
  lease_expires_at: Date;
  live: boolean;
  lease_extensions: number;
  draft: Draft | null;
  draft_saved_at: Date | null;
  project: TaskProject;
  judged_in_project: boolean;
  context: ChatMessage[];
  texts: string[];
};

/**
 * The worker's view of one of their own assignments. The select is the blinding: model names,
 * reference ranks, candidate ids and other workers' answers never leave this function. One
 * prepared statement: every claim over the API ends with it.
 */
export async function findTaskForWorker({ actor, assignmentId }: { actor: Actor; assignmentId: string }): Promise<TaskView> {
  if (!isId(assignmentId)) throw new AppError("NOT_FOUND", "No such task");
  const [task] = await queryPool<TaskRow>(
    pool(),
    `SELECT a.id, a.status, a.lease_expires_at, a.lease_expires_at > now() AS live, a.lease_extensions, a.draft, a.draft_saved_at,
            json_build_object('slug', p.slug, 'name', p.name, 'question', p.question, 'instructions', p.instructions,
              'judgmentKind', p.judgment_kind, 'pairwiseScale', p.pairwise_scale, 'allowTies', p.allow_ties,
              'allowBothBad', p.allow_both_bad, 'flagOptions', p.flag_options, 'rationaleMode', p.rationale_mode,
              'rationaleMinLength', p.rationale_min_length) AS project,
            ${hasJudgedInProjectSql("$2")} AS judged_in_project,
            i.context,
            ARRAY(SELECT c.text FROM unnest(a.display_order) WITH ORDINALITY AS shown(id, n)
                  JOIN candidates c ON c.id = shown.id ORDER BY shown.n) AS texts
     FROM assignments a JOIN projects p ON p.id = a.project_id JOIN items i ON i.id = a.item_id
     -- A live turn is shown and answered in its conversation, never as a task.
     -- A platform account sees only the tasks of the study session it is signed in for.
     WHERE a.id = $1::uuid AND a.worker_id = $2::uuid AND a.study_session_id IS NOT DISTINCT FROM $3::uuid AND p.judgment_kind <> 'DIALOGUE'`,
    [assignmentId, actor.id, actor.studySessionId ?? null],
  );
  if (!task) throw new AppError("NOT_FOUND", "No such task");
  return {
    assignmentId: task.id,
    status: taskStatus(task),
    leaseExpiresAt: new Date(task.lease_expires_at).toISOString(),
    leaseExtensionsLeft: Math.max(0, MAX_LEASE_EXTENSIONS - task.lease_extensions),
    project: task.project,
    firstInProject: !task.judged_in_project,
    context: task.context,
    responses: task.texts.map((text, index) => ({ label: responseLabel(index), text })),
    draft: task.draft && task.draft_saved_at ? { value: task.draft, savedAt: new Date(task.draft_saved_at).toISOString() } : null,
  };
}

function taskStatus(task: TaskRow): TaskView["status"] {
  if (task.status === "SUBMITTED") return "SUBMITTED";
  if (task.status === "RELEASED") return "SKIPPED";
  if (task.status === "REVOKED") return "WITHDRAWN";
  return task.status === "ACTIVE" && task.live ? "ACTIVE" : "EXPIRED";
}
