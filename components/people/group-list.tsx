"use client";

import { GroupRow, type Group } from "@/components/people/group-row";
import { smallButton } from "@/components/people/small-button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { createGroupAction } from "@/lib/actions/groups";

export function GroupList({ groups }: { groups: Group[] }) {
  const { formAction, pending, error } = useServerAction(createGroupAction);
  return (
    <div className="space-y-3 text-sm">
      <form action={formAction} className="flex gap-2">
        <label className="sr-only" htmlFor="new-group-name">
          New group name
        </label>
        <input
          id="new-group-name"
          name="name"
          required
          maxLength={100}
          placeholder="New group name"
          className="w-full rounded border border-slate-300 px-3 py-2"
        />
        <button type="submit" disabled={pending} className={smallButton}>
          Create
        </button>
      </form>
      <FormError message={error} />
      {groups.length === 0 ? (
        <p className="rounded border border-slate-200 bg-white p-4 text-slate-600">No groups yet. Groups decide who may work on which projects.</p>
      ) : (
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {groups.map((group) => (
            <GroupRow key={group.id} group={group} />
          ))}
        </ul>
      )}
    </div>
  );
}
