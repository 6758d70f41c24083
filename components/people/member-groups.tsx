"use client";

import { useRef } from "react";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { addGroupMemberAction, removeGroupMemberAction } from "@/lib/actions/groups";

type Group = { id: string; name: string };

/** A person's groups, each removable, and a picker to add one they are not in. */
export function MemberGroups({ userId, email, groups, allGroups }: { userId: string; email: string; groups: Group[]; allGroups: Group[] }) {
  // Adding and removing share one pending state and one error line.
  const { run, pending, error } = useServerAction((change: { add: string } | { remove: string }) =>
    "add" in change ? addGroupMemberAction(change.add, userId) : removeGroupMemberAction(change.remove, userId),
  );
  const picker = useRef<HTMLSelectElement>(null);
  const joinable = allGroups.filter((group) => !groups.some((mine) => mine.id === group.id));
  if (groups.length === 0 && joinable.length === 0) return <span className="text-slate-600">—</span>;
  return (
    <div className="space-y-1">
      <ul className="flex flex-wrap gap-1">
        {groups.map((group) => (
          <li key={group.id} className="inline-flex items-center gap-1 rounded bg-slate-100 px-2 py-0.5 text-xs">
            {group.name}
            <button
              type="button"
              disabled={pending}
              onClick={() => void run({ remove: group.id })}
              aria-label={`Remove ${email} from ${group.name}`}
              className="rounded px-1 hover:bg-slate-200"
            >
              ×
            </button>
          </li>
        ))}
      </ul>
      {joinable.length > 0 && (
        <div className="flex gap-1">
          <select ref={picker} aria-label={`Group to add ${email} to`} defaultValue="" className="rounded border border-slate-300 px-1 py-0.5 text-xs">
            <option value="" disabled>
              add to group…
            </option>
            {joinable.map((group) => (
              <option key={group.id} value={group.id}>
                {group.name}
              </option>
            ))}
          </select>
          <button
            type="button"
            disabled={pending}
            onClick={() => void (picker.current?.value && run({ add: picker.current.value }))}
            className="rounded border border-slate-300 px-2 text-xs hover:bg-slate-100"
          >
            Add
          </button>
        </div>
      )}
      <FormError message={error} />
    </div>
  );
}
