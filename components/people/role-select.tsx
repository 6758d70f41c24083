"use client";

import { FormError } from "@/components/ui/form-error";
import { useActionError } from "@/components/people/use-action-error";
import { changeRoleAction } from "@/lib/actions/people";
import { ROLES } from "@/lib/validations/user";

/** Changes a role when a new one is picked; an admin's own role is shown but cannot be changed. */
export function RoleSelect({ userId, email, role, isSelf }: { userId: string; email: string; role: string; isSelf: boolean }) {
  const { error, pending, run } = useActionError();
  if (isSelf) {
    return (
      <span>
        {role.toLowerCase()}
        <span className="block text-xs text-slate-500">Your own role: only another admin can change it.</span>
      </span>
    );
  }
  return (
    <div>
      <select
        aria-label={`Role of ${email}`}
        defaultValue={role}
        disabled={pending}
        onChange={(event) => {
          const select = event.currentTarget;
          // A refused change puts the select back on the role that is stored.
          run(() => changeRoleAction(userId, select.value), undefined, () => (select.value = role));
        }}
        className="rounded border border-slate-300 px-2 py-1"
      >
        {ROLES.map((value) => (
          <option key={value} value={value}>
            {value.toLowerCase()}
          </option>
        ))}
      </select>
      <FormError message={error} className="mt-1 max-w-56" />
    </div>
  );
}
