"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { signUpAction } from "@/lib/actions/invites";

export function SignUpForm({ secret }: { secret: string }) {
  const { formAction, pending, error, details } = useServerAction((form: FormData) => signUpAction(secret, form));
  // React resets a form after its action: the email and name stay after a refusal, the passwords do not.
  const [kept, setKept] = useState<{ email?: string; name?: string }>({});
  const signUp = (form: FormData) => {
    setKept({ email: String(form.get("email") ?? ""), name: String(form.get("name") ?? "") });
    return formAction(form);
  };
  const fieldError = (field: string) => details.find((detail) => detail.field === field)?.message;
  const input = "mt-1 w-full rounded border border-slate-300 px-3 py-2";
  // The error sits outside the label, tied by aria-describedby, so it is not read as part of the field's name.
  const field = (name: string, label: string, props: React.InputHTMLAttributes<HTMLInputElement>) => (
    <div className="text-sm">
      <label className="block">
        {label}
        <input
          name={name}
          required
          aria-invalid={Boolean(fieldError(name))}
          aria-describedby={fieldError(name) ? `${name}-error` : undefined}
          className={input}
          {...props}
        />
      </label>
      {fieldError(name) && (
        <p id={`${name}-error`} className="text-red-700">
          {fieldError(name)}
        </p>
      )}
    </div>
  );
  return (
    <form action={signUp} className="space-y-4">
      {field("email", "Email", { type: "email", autoComplete: "username", autoFocus: true, defaultValue: kept.email })}
      {field("name", "Name", { autoComplete: "name", maxLength: 200, defaultValue: kept.name })}
      {field("password", "Password (at least 8 characters)", { type: "password", autoComplete: "new-password", minLength: 8 })}
      {field("passwordAgain", "Password again", { type: "password", autoComplete: "new-password", minLength: 8 })}
      {/* Field problems are shown at their fields; this is for the rest (a dead link, a server error). */}
      <FormError message={details.some((detail) => detail.field) ? "Correct the marked fields." : error} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
