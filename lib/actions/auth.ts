"use server";

import { AuthError } from "next-auth";
import { signIn, signOut } from "@/lib/auth/auth";

// The email comes back so the form keeps it after a failed attempt (React resets forms after an action).
export type SignInState = { error?: string; email?: string };

export async function signInAction(_previous: SignInState, formData: FormData): Promise<SignInState> {
  try {
    await signIn("credentials", {
      email: formData.get("email"),
      password: formData.get("password"),
      redirectTo: safeRedirect(formData.get("callbackUrl")),
    });
    return {};
  } catch (error) {
    if (error instanceof AuthError) return { error: "Wrong email or password, or the account is blocked.", email: String(formData.get("email") ?? "") };
    throw error;
  }
}

export async function signOutAction() {
  await signOut({ redirectTo: "/signin" });
}

/** Only same-site paths: a crafted link must not bounce a fresh sign-in to another site. */
function safeRedirect(value: FormDataEntryValue | null): string {
  return typeof value === "string" && value.startsWith("/") && !value.startsWith("//") ? value : "/";
}
