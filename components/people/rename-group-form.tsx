"use client";

import { smallButton } from "@/components/people/small-button";

/** A group's name in an input, saved or left as it was. */
export function RenameGroupForm({
  name,
  pending,
  onRename,
  onCancel,
}: {
  name: string;
  pending: boolean;
  onRename: (name: string) => void;
  onCancel: () => void;
}) {
  return (
    <form
      className="flex gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        onRename(String(new FormData(event.currentTarget).get("name") ?? ""));
      }}
    >
      <input
        name="name"
        aria-label={`New name for ${name}`}
        defaultValue={name}
        autoFocus
        required
        maxLength={100}
        className="w-full rounded border border-slate-300 px-2 py-1"
      />
      <button type="submit" disabled={pending} className={smallButton}>
        Save
      </button>
      <button type="button" onClick={onCancel} className={smallButton}>
        Cancel
      </button>
    </form>
  );
}
