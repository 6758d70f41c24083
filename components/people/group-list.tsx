"use client";

import Link from "next/link";
import { useState } from "react";
import { FormError } from "@/components/ui/form-error";
import { Modal } from "@/components/ui/modal";
import { useServerAction } from "@/components/ui/use-server-action";
import { createGroupAction, deleteGroupAction, renameGroupAction } from "@/lib/actions/groups";

type Group = { id: string; name: string; memberCount: number };

const small = "rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 disabled:opacity-60";

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
        <button type="submit" disabled={pending} className={small}>
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

function GroupRow({ group }: { group: Group }) {
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  // Renaming and deleting share one pending state and one error line.
  const { run, pending, error } = useServerAction((change: { rename: string } | "delete") =>
    change === "delete" ? deleteGroupAction(group.id) : renameGroupAction(group.id, change.rename),
  );
  return (
    <li className="p-3">
      {renaming ? (
        <form
          className="flex gap-2"
          onSubmit={(event) => {
            event.preventDefault();
            const name = String(new FormData(event.currentTarget).get("name") ?? "");
            void run({ rename: name }).then((result) => result?.ok && setRenaming(false));
          }}
        >
          <input
            name="name"
            aria-label={`New name for ${group.name}`}
            defaultValue={group.name}
            autoFocus
            required
            maxLength={100}
            className="w-full rounded border border-slate-300 px-2 py-1"
          />
          <button type="submit" disabled={pending} className={small}>
            Save
          </button>
          <button type="button" onClick={() => setRenaming(false)} className={small}>
            Cancel
          </button>
        </form>
      ) : (
        <div className="flex items-center gap-2">
          <span className="font-medium">{group.name}</span>
          <Link href={`/admin/people?group=${group.id}`} className="text-indigo-700 underline">
            {group.memberCount === 1 ? "1 member" : `${group.memberCount} members`}
          </Link>
          <button type="button" onClick={() => setRenaming(true)} className={`${small} ml-auto`} aria-label={`Rename ${group.name}`}>
            Rename
          </button>
          <button type="button" onClick={() => setDeleting(true)} className={`${small} text-red-700`} aria-label={`Delete ${group.name}`}>
            Delete
          </button>
        </div>
      )}
      <Modal open={deleting} title={`Delete ${group.name}?`} onClose={() => setDeleting(false)}>
        <p className="text-sm">Its {group.memberCount} members stay, but leave the group, and projects open to the group lose it.</p>
        <div className="mt-4 flex gap-3">
          <button
            type="button"
            autoFocus
            disabled={pending}
            onClick={async () => (await run("delete"))?.ok && setDeleting(false)}
            className="rounded bg-red-700 px-4 py-2 text-white hover:bg-red-800"
          >
            Delete
          </button>
          <button type="button" onClick={() => setDeleting(false)} className={small}>
            Cancel
          </button>
        </div>
        <FormError message={error} className="mt-2" />
      </Modal>
      <FormError message={error} />
    </li>
  );
}
