"use client";

import { useActionState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { signUpAction, type SignUpState } from "@/lib/actions/invites";

export function SignUpForm({ secret }: { secret: string }) {
  const [state, formAction, pending] = useActionState<SignUpState, FormData>(signUpAction.bind(null, secret), {});
  const fieldError = (field: string) => state.details?.find((detail) => detail.field === field)?.message;
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
    <form action={formAction} className="space-y-4">
      {field("email", "Email", { type: "email", autoComplete: "username", autoFocus: true, defaultValue: state.email })}
      {field("name", "Name", { autoComplete: "name", maxLength: 200, defaultValue: state.name })}
      {field("password", "Password (at least 8 characters)", { type: "password", autoComplete: "new-password", minLength: 8 })}
      {field("passwordAgain", "Password again", { type: "password", autoComplete: "new-password", minLength: 8 })}
      {/* Field problems are shown at their fields; this is for the rest (a dead link, a server error). */}
      <FormError message={state.details?.some((detail) => detail.field) ? "Correct the marked fields." : state.error} />
      <Button type="submit" disabled={pending} className="w-full">
        {pending ? "Creating your account…" : "Create account"}
      </Button>
    </form>
  );
}
