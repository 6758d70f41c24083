"use server";

import { redirect } from "next/navigation";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { claimNextTask } from "@/lib/data/assignments";
import { submitJudgment } from "@/lib/data/judgments";
import { extendLease, skipTask } from "@/lib/data/leases";

function nextTaskPath(projectSlug: string, assignmentId: string | null) {
  return assignmentId ? `/tasks/${assignmentId}` : `/tasks?empty=${encodeURIComponent(projectSlug)}`;
}

/** "Next task": lease one and open it, or come back to the list saying there is none. */
export async function claimNextTaskAction(projectSlug: string): Promise<ActionResult<never>> {
  const result = await runAction("task:work", (actor) => claimNextTask({ actor, projectSlug }));
  if (!result.ok) return result;
  redirect(nextTaskPath(projectSlug, result.data));
}

/**
 * Stores the answer, leases the next task and moves there in the same round trip (a redirect from
 * an action is a client-side navigation: no full page load).
 */
export async function submitAndContinueAction(input: { assignmentId: string; projectSlug: string; answer: unknown }): Promise<ActionResult<never>> {
  const result = await runAction("task:work", async (actor) => {
    await submitJudgment({ actor, assignmentId: input.assignmentId, input: input.answer });
    return claimNextTask({ actor, projectSlug: input.projectSlug });
  });
  if (!result.ok) return result;
  redirect(nextTaskPath(input.projectSlug, result.data));
}

/** Gives the task back with a reason and moves on to the next one. */
export async function skipAndContinueAction(input: { assignmentId: string; projectSlug: string; reason: string }): Promise<ActionResult<never>> {
  const result = await runAction("task:work", async (actor) => {
    await skipTask({ actor, assignmentId: input.assignmentId, input: { reason: input.reason } });
    return claimNextTask({ actor, projectSlug: input.projectSlug });
  });
  if (!result.ok) return result;
  redirect(nextTaskPath(input.projectSlug, result.data));
}

export async function extendLeaseAction(assignmentId: string) {
  return runAction("task:work", (actor) => extendLease({ actor, assignmentId }));
}
