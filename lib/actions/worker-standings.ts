"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { allowQualificationRetry, resumeWorker } from "@/lib/data/worker-standings";

function revalidateQuality(slug: string, workerId: string) {
  revalidatePath(`/projects/${slug}/quality`);
  revalidatePath(`/projects/${slug}/quality/workers/${workerId}`);
}

export async function resumeWorkerAction(projectSlug: string, workerId: string): Promise<ActionResult<null>> {
  const result = await runAction("user:manage", async (actor) => {
    await resumeWorker({ actor, projectSlug, workerId });
    return null;
  });
  if (result.ok) revalidateQuality(projectSlug, workerId);
  return result;
}

export async function allowQualificationRetryAction(projectSlug: string, workerId: string): Promise<ActionResult<{ deletedJudgments: number }>> {
  const result = await runAction("user:manage", (actor) => allowQualificationRetry({ actor, projectSlug, workerId }));
  if (result.ok) revalidateQuality(projectSlug, workerId);
  return result;
}
