"use server";

import { AuthError } from "next-auth";
import type { ActionResult } from "@/lib/actions/run-action";
import { signIn, signOut } from "@/lib/auth/auth";
import { signInRateLimitedMessage, signInRetryAfter } from "@/lib/auth/sign-in-errors";

export async function signInAction(formData: FormData): Promise<ActionResult<never>> {
  try {
    await signIn("credentials", {
      email: formData.get("email"),
      password: formData.get("password"),
      redirectTo: safeRedirect(formData.get("callbackUrl")),
    });
  } catch (error) {
    if (error instanceof AuthError) return signInRefusal(error);
    throw error;
  }
  throw new Error("signIn returned without redirecting");
}

function signInRefusal(error: AuthError): ActionResult<never> {
  const retryAfter = signInRetryAfter(error);
  if (retryAfter !== null) return { ok: false, code: "RATE_LIMITED", error: signInRateLimitedMessage(retryAfter), details: [] };
  return { ok: false, code: "UNAUTHENTICATED", error: "Wrong email or password, or the account is blocked.", details: [] };
}

export async function signOutAction() {
  await signOut({ redirectTo: "/signin" });
}

/** Only same-site paths: a crafted link must not bounce a fresh sign-in to another site. */
function safeRedirect(value: FormDataEntryValue | null): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}
