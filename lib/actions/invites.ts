"use server";

import { revalidatePath } from "next/cache";
import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { signIn } from "@/lib/auth/auth";
import { signInRetryAfter } from "@/lib/auth/sign-in-errors";
import { clientAddress } from "@/lib/client-address";
import { actionFailure, runAction, type ActionResult } from "@/lib/actions/run-action";
import { signUpWithInvite } from "@/lib/data/invite-sign-up";
import { createInvite, revokeInvite } from "@/lib/data/invites";
import { describeWait } from "@/lib/rate-limit";

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
    await signUpWithInvite({ secret, input, clientAddress: clientAddress(await headers()) });
  } catch (error) {
    return actionFailure(error);
  }
  return signInNewAccount(input);
}

// The account is made; a sign-in refused by the rate limit on this address (many sign-ins failed
// from it just now) only has to wait.
async function signInNewAccount({ email, password }: { email: string; password: string }): Promise<ActionResult<never>> {
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
  } catch (error) {
    const retryAfter = error instanceof AuthError ? signInRetryAfter(error) : null;
    if (retryAfter === null) throw error;
    const message = `Your account is ready; too many sign-ins failed from your network just now, so sign in in ${describeWait(retryAfter)}`;
    return { ok: false, code: "RATE_LIMITED", error: message, details: [] };
  }
  throw new Error("signIn returned without redirecting");
}
