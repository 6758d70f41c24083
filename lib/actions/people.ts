"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { blockUser, changeUserRole, unblockUser } from "@/lib/data/people-admin";

export async function changeRoleAction(userId: string, role: string): Promise<ActionResult<null>> {
  const result = await runAction("user:manage", async (actor) => {
    await changeUserRole({ actor, input: { userId, role } });
    return null;
  });
  if (result.ok) revalidatePath("/admin/people");
  return result;
}

export async function blockUserAction(userId: string): Promise<ActionResult<{ revokedLeases: number }>> {
  const result = await runAction("user:manage", async (actor) => {
    const { revokedLeases } = await blockUser({ actor, input: { userId } });
    return { revokedLeases };
  });
  if (result.ok) revalidatePath("/admin/people");
  return result;
}

export async function unblockUserAction(userId: string): Promise<ActionResult<null>> {
  const result = await runAction("user:manage", async (actor) => {
    await unblockUser({ actor, input: { userId } });
    return null;
  });
  if (result.ok) revalidatePath("/admin/people");
  return result;
}
