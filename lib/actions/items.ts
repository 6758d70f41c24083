"use server";

import { revalidatePath } from "next/cache";
import { runAction } from "@/lib/actions/run-action";
import { setItemRole } from "@/lib/data/item-roles";
import type { SetItemRoleInput } from "@/lib/validations/item-role";

export async function setItemRoleAction(input: SetItemRoleInput) {
  const result = await runAction("project:manage", (actor) => setItemRole({ actor, ...input }));
  if (result.ok) {
    revalidatePath(`/admin/projects/${result.data.projectSlug}`);
    revalidatePath(`/admin/projects/${result.data.projectSlug}/batches/${result.data.batchId}`);
  }
  return result;
}
