"use client";

import { smallButton } from "@/components/people/small-button";
import { FormError } from "@/components/ui/form-error";
import { Modal } from "@/components/ui/modal";

/** What deleting a group does, and the choice to go ahead. */
export function DeleteGroupDialog({
  name,
  memberCount,
  open,
  pending,
  error,
  onDelete,
  onClose,
}: {
  name: string;
  memberCount: number;
  open: boolean;
  pending: boolean;
  error: string | null;
  onDelete: () => void;
  onClose: () => void;
}) {
  return (
    <Modal open={open} title={`Delete ${name}?`} onClose={onClose}>
      <p className="text-sm">Its {memberCount} members stay, but leave the group, and projects open to the group lose it.</p>
      <div className="mt-4 flex gap-3">
        <button type="button" autoFocus disabled={pending} onClick={onDelete} className="rounded bg-red-700 px-4 py-2 text-white hover:bg-red-800">
          Delete
        </button>
        <button type="button" onClick={onClose} className={smallButton}>
          Cancel
        </button>
      </div>
      <FormError message={error} className="mt-2" />
    </Modal>
  );
}
