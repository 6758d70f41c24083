"use client";

import { useEffect, useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { createInviteAction } from "@/lib/actions/invites";
import { MAX_INVITE_DAYS, MAX_INVITE_USES } from "@/lib/validations/invite";
import { ROLES } from "@/lib/validations/user";

export function CreateInviteForm({ groups }: { groups: { id: string; name: string }[] }) {
  const { formAction, pending, result, error } = useServerAction(createInviteAction);
  // The origin is known only in the browser (the app may sit behind a proxy).
  const [origin, setOrigin] = useState("");
  useEffect(() => setOrigin(window.location.origin), []);
  const input = "mt-1 block w-full rounded border border-slate-300 px-3 py-2";
  return (
    <form action={formAction} className="space-y-3 rounded-lg border border-slate-200 bg-white p-4 text-sm">
      <div className="grid grid-cols-2 gap-3">
        <label className="block">
          Role
          <select name="role" defaultValue="WORKER" className={input}>
            {ROLES.map((role) => (
              <option key={role} value={role}>
                {role.toLowerCase()}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          Group to join
          <select name="groupId" defaultValue="" className={input}>
            <option value="">none</option>
            {groups.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
        </label>
        <label className="block">
          People it admits
          <input name="maxUses" type="number" min={1} max={MAX_INVITE_USES} defaultValue={1} required className={input} />
        </label>
        <label className="block">
          Valid for (days)
          <input name="expiresInDays" type="number" min={1} max={MAX_INVITE_DAYS} defaultValue={7} required className={input} />
        </label>
      </div>
      <Button type="submit" disabled={pending}>
        Create invite link
      </Button>
      {result?.ok && (
        <div role="status" className="rounded border border-emerald-300 bg-emerald-50 p-3">
          <p>Copy the link now: it is not shown again.</p>
          <code data-testid="invite-link" className="mt-1 block break-all font-mono">
            {origin}
            {result.data.path}
          </code>
        </div>
      )}
      <FormError message={error} />
    </form>
  );
}
