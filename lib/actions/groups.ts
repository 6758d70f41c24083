"use server";

import { revalidatePath } from "next/cache";
import { runAction, type ActionResult } from "@/lib/actions/run-action";
import { addGroupMember, createGroup, deleteGroup, removeGroupMember, renameGroup } from "@/lib/data/groups";

function done<T>(result: ActionResult<T>): ActionResult<T> {
  if (result.ok) revalidatePath("/admin/people");
  return result;
}

export async function createGroupAction(formData: FormData) {
  return done(await runAction("user:manage", (actor) => createGroup({ actor, input: { name: formData.get("name") } })));
}

export async function renameGroupAction(groupId: string, name: string) {
  return done(await runAction("user:manage", (actor) => renameGroup({ actor, input: { groupId, name } })));
}

export async function deleteGroupAction(groupId: string) {
  return done(
    await runAction("user:manage", async (actor) => {
      await deleteGroup({ actor, input: { groupId } });
      return null;
    }),
  );
}

export async function addGroupMemberAction(groupId: string, userId: string) {
  return done(
    await runAction("user:manage", async (actor) => {
      await addGroupMember({ actor, input: { groupId, userId } });
      return null;
    }),
  );
}

export async function removeGroupMemberAction(groupId: string, userId: string) {
  return done(
    await runAction("user:manage", async (actor) => {
      await removeGroupMember({ actor, input: { groupId, userId } });
      return null;
    }),
  );
}
