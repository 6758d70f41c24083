"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { setBatchPriority, setBatchStatus } from "@/lib/data/batches";
import type { SetBatchPriorityInput, SetBatchStatusInput } from "@/lib/validations/batch";

function revalidateBatch(projectSlug: string, batchId: string) {
  revalidatePath(`/admin/projects/${projectSlug}`);
  revalidatePath(`/admin/projects/${projectSlug}/batches/${batchId}`);
}

export async function setBatchStatusAction(input: SetBatchStatusInput) {
  const result = await runAction("project:manage", (actor) => setBatchStatus({ actor, input }));
  if (result.ok) revalidateBatch(result.data.projectSlug, result.data.id);
  return result;
}

export async function setBatchPriorityAction(input: SetBatchPriorityInput) {
  const result = await runAction("project:manage", (actor) => setBatchPriority({ actor, input }));
  if (result.ok) revalidateBatch(result.data.projectSlug, result.data.id);
  return result;
}
