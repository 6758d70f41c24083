"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { setBatchPriority, setBatchStatus } from "@/lib/data/batches";

function revalidateBatch(projectSlug: string, batchId: string) {
  revalidatePath(`/admin/projects/${projectSlug}`);
  revalidatePath(`/admin/projects/${projectSlug}/batches/${batchId}`);
}

export async function setBatchStatusAction(input: { batchId: string; status: string }) {
  const result = await runAction("project:manage", (actor) => setBatchStatus({ actor, input: input as { batchId: string; status: "ACTIVE" } }));
  if (result.ok) revalidateBatch(result.data.projectSlug, result.data.id);
  return result;
}

export async function setBatchPriorityAction(input: { batchId: string; priority: unknown }) {
  const result = await runAction("project:manage", (actor) => setBatchPriority({ actor, input: input as { batchId: string; priority: number } }));
  if (result.ok) revalidateBatch(result.data.projectSlug, result.data.id);
  return result;
}
