"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { signInAction } from "@/lib/actions/auth";

export function SignInForm({ callbackUrl }: { callbackUrl: string }) {
  const { formAction, pending, error } = useServerAction(signInAction);
  // React resets a form after its action: the email stays for another attempt, the password does not.
  const [email, setEmail] = useState<string>();
  const signIn = (form: FormData) => {
    setEmail(String(form.get("email") ?? ""));
    return formAction(form);
  };
  return (
    <form action={signIn} className="space-y-4">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label className="block text-sm">
        Email
        <input
          name="email"
          type="email"
          required
          autoComplete="username"
          autoFocus
          defaultValue={email}
          className="mt-1 w-full rounded border border-slate-300 px-3 py-2"
        />
      </label>
      <label className="block text-sm">
        Password
        <input name="password" type="password" required autoComplete="current-password" className="mt-1 w-full rounded border border-slate-300 px-3 py-2" />
      </label>
      <FormError message={error} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
