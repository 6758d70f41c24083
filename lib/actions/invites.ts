"use server";

import { revalidatePath } from "next/cache";
import { signIn } from "@/lib/auth/auth";
import { actionFailure, runAction, type ActionResult } from "@/lib/actions/run-action";
import { signUpWithInvite } from "@/lib/data/invite-sign-up";
import { createInvite, revokeInvite } from "@/lib/data/invites";

export async function createInviteAction(formData: FormData) {
  const result = await runAction("user:manage", async (actor) => {
    const input = {
      role: formData.get("role"),
      maxUses: formData.get("maxUses"),
      expiresInDays: formData.get("expiresInDays"),
      groupId: formData.get("groupId") ?? "",
    };
    const { secret } = await createInvite({ actor, input });
    return { path: `/invite/${secret}` };
  });
  if (result.ok) revalidatePath("/admin/people");
  return result;
}

export async function revokeInviteAction(inviteId: string): Promise<ActionResult<null>> {
  const result = await runAction("user:manage", async (actor) => {
    await revokeInvite({ actor, input: { inviteId } });
    return null;
  });
  if (result.ok) revalidatePath("/admin/people");
  return result;
}

/**
 * Public: the invite's secret is the permission. Creates the account, then signs in through
 * Auth.js as the sign-in form does, which redirects to the new user's home.
 */
export async function signUpAction(secret: string, formData: FormData): Promise<ActionResult<never>> {
  const input = {
    email: String(formData.get("email") ?? ""),
    name: String(formData.get("name") ?? ""),
    password: String(formData.get("password") ?? ""),
    passwordAgain: String(formData.get("passwordAgain") ?? ""),
  };
  try {
    await signUpWithInvite({ secret, input });
  } catch (error) {
    return actionFailure(error);
  }
  await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/" });
  throw new Error("signIn returned without redirecting");
}
