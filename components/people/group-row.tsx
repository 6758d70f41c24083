"use client";

import Link from "next/link";
import { useState } from "react";
import { DeleteGroupDialog } from "@/components/people/delete-group-dialog";
import { RenameGroupForm } from "@/components/people/rename-group-form";
import { smallButton } from "@/components/people/small-button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { deleteGroupAction, renameGroupAction } from "@/lib/actions/groups";

export type Group = { id: string; name: string; memberCount: number };

/** One group: its members, renamed in place, or deleted after a confirmation. */
export function GroupRow({ group }: { group: Group }) {
  const [renaming, setRenaming] = useState(false);
  const [deleting, setDeleting] = useState(false);
  // Renaming and deleting share one pending state and one error line.
  const { run, pending, error } = useServerAction((change: { rename: string } | "delete") =>
    change === "delete" ? deleteGroupAction(group.id) : renameGroupAction(group.id, change.rename),
  );
  const rename = async (name: string) => void ((await run({ rename: name }))?.ok && setRenaming(false));
  const remove = async () => void ((await run("delete"))?.ok && setDeleting(false));
  return (
    <li className="p-3">
      {renaming ? (
        <RenameGroupForm name={group.name} pending={pending} onRename={rename} onCancel={() => setRenaming(false)} />
      ) : (
        <div className="flex items-center gap-2">
          <span className="font-medium">{group.name}</span>
          <Link href={`/admin/people?group=${group.id}`} className="text-indigo-700 underline">
            {group.memberCount === 1 ? "1 member" : `${group.memberCount} members`}
          </Link>
          <button type="button" onClick={() => setRenaming(true)} className={`${smallButton} ml-auto`} aria-label={`Rename ${group.name}`}>
            Rename
          </button>
          <button type="button" onClick={() => setDeleting(true)} className={`${smallButton} text-red-700`} aria-label={`Delete ${group.name}`}>
            Delete
          </button>
        </div>
      )}
      <DeleteGroupDialog
        name={group.name}
        memberCount={group.memberCount}
        open={deleting}
        pending={pending}
        error={error}
        onDelete={remove}
        onClose={() => setDeleting(false)}
      />
      <FormError message={error} />
    </li>
  );
}
