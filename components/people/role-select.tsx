"use client";

import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { changeRoleAction } from "@/lib/actions/people";
import { ROLES } from "@/lib/validations/user";

/**
 * A role picker with its own Change button: arrowing through a closed select fires change events,
 * so a keyboard user must be able to look at the roles without changing anything.
 */
export function RoleSelect({ userId, email, role, isSelf }: { userId: string; email: string; role: string; isSelf: boolean }) {
  const [picked, setPicked] = useState(role);
  const { run, pending, error } = useServerAction(changeRoleAction);
  if (isSelf) {
    return (
      <span>
        {role.toLowerCase()}
        <span className="block text-xs text-slate-500">Your own role: only another admin can change it.</span>
      </span>
    );
  }
  return (
    <form
      onSubmit={async (event) => {
        event.preventDefault();
        const result = await run(userId, picked);
        // A refused change puts the picker back on the role that is stored.
        if (result && !result.ok) setPicked(role);
      }}
    >
      <div className="flex gap-1">
        <select
          aria-label={`Role of ${email}`}
          value={picked}
          onChange={(event) => setPicked(event.currentTarget.value)}
          className="rounded border border-slate-300 px-2 py-1"
        >
          {ROLES.map((value) => (
            <option key={value} value={value}>
              {value.toLowerCase()}
            </option>
          ))}
        </select>
        {picked !== role && (
          <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100">
            Change
          </button>
        )}
      </div>
      <FormError message={error} className="mt-1 max-w-56" />
    </form>
  );
}
