"use server";

import { redirect } from "next/navigation";
import { claimAfterAnswer } from "@/lib/actions/claim-after-answer";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { claimNextTask, unlessCapped } from "@/lib/data/assignments";
import { submitJudgment } from "@/lib/data/judgments";
import { extendLease, skipTask } from "@/lib/data/leases";
import { practiceFeedbackForWorker, type PracticeFeedbackView } from "@/lib/data/practice-feedback-view";
import { findResponseDiffs } from "@/lib/data/response-diffs";
import type { TaskNote } from "@/lib/task-notes";

function nextTaskPath(projectSlug: string, assignmentId: string | null, note?: TaskNote) {
  const query = note ? `?note=${note}` : "";
  return assignmentId ? `/tasks/${assignmentId}${query}` : `/tasks?empty=${encodeURIComponent(projectSlug)}${note ? `&note=${note}` : ""}`;
}

/** "Next task": lease one and open it, or come back to the list saying there is none. */
export async function claimNextTaskAction(projectSlug: string): Promise<ActionResult<never>> {
  const result = await runAction("task:work", (actor) => claimNextTask({ actor, projectSlug }));
  if (!result.ok) return result;
  redirect(nextTaskPath(projectSlug, result.data));
}

/**
 * Stores the answer, leases the next task and moves there in the same round trip (a redirect from
 * an action is a client-side navigation: no full page load). An answer to a practice item stays on
 * the page instead, with its feedback: the worker moves on with "Next" (claimNextTaskAction).
 */
export async function submitAndContinueAction(input: {
  assignmentId: string;
  projectSlug: string;
  answer: unknown;
}): Promise<ActionResult<{ practice: PracticeFeedbackView }>> {
  const result = await runAction("task:work", async (actor) => {
    const { replayed, practice } = await submitJudgment({ actor, assignmentId: input.assignmentId, input: input.answer });
    if (practice) return { practice: await practiceFeedbackForWorker({ actor, assignmentId: input.assignmentId, practice }) };
    return { next: await claimAfterAnswer(claimNextTask({ actor, projectSlug: input.projectSlug })), replayed };
  });
  if (!result.ok) return result;
  if (result.data.practice) return { ok: true, data: { practice: result.data.practice } };
  if (result.data.next === "capped" || result.data.next === "list") redirect("/tasks");
  // A replay is a retry of this page's own answer, or a second tab answering a task the first
  // already answered: then the first answer stands, and the worker is told.
  redirect(nextTaskPath(input.projectSlug, result.data.next, result.data.replayed ? "answered-elsewhere" : undefined));
}

/** Gives the task back with a reason and moves on to the next one. */
export async function skipAndContinueAction(input: { assignmentId: string; projectSlug: string; reason: string }): Promise<ActionResult<never>> {
  const result = await runAction("task:work", async (actor) => {
    await skipTask({ actor, assignmentId: input.assignmentId, input: { reason: input.reason } });
    return unlessCapped(claimNextTask({ actor, projectSlug: input.projectSlug }));
  });
  if (!result.ok) return result;
  if (result.data === "capped") redirect("/tasks");
  redirect(nextTaskPath(input.projectSlug, result.data));
}

export async function extendLeaseAction(assignmentId: string) {
  return runAction("task:work", (actor) => extendLease({ actor, assignmentId }));
}

/** The differences view, computed only when the worker asks for it. */
export async function loadResponseDiffsAction(assignmentId: string) {
  return runAction("task:work", (actor) => findResponseDiffs({ actor, assignmentId }));
}
