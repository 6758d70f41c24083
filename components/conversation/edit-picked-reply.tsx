"use client";

import type { useEditedReply } from "@/components/conversation/use-edited-reply";

/**
 * The picked response can be improved before the conversation goes on with it; the edit is stored as
 * its own comparison, preferred over the original, and both are kept.
 */
export function EditPickedReply({ label, edit, disabled }: { label: string; edit: ReturnType<typeof useEditedReply>; disabled: boolean }) {
  return (
    <div className="mt-4 border-t border-slate-100 pt-3">
      <label className="flex items-center gap-2 text-sm">
        <input type="checkbox" checked={edit.editing} disabled={disabled} onChange={(event) => edit.setEditing(event.target.checked)} className="h-4 w-4" />
        Edit response {label} before going on
      </label>
      {edit.editing && (
        <div className="mt-2">
          <label htmlFor="edited-reply" className="sr-only">
            Your edit of response {label}
          </label>
          <textarea
            id="edited-reply"
            value={edit.text}
            disabled={disabled}
            onChange={(event) => edit.setText(event.target.value)}
            rows={8}
            className="block w-full rounded border border-slate-300 p-2 font-mono text-sm"
          />
          <p className="mt-1 flex flex-wrap justify-between gap-2 text-xs text-slate-600">
            <span>Your edit counts as better than the original; the conversation goes on with it.</span>
            <button type="button" onClick={edit.reset} disabled={disabled} className="text-indigo-700 underline">
              Start again from response {label}
            </button>
          </p>
        </div>
      )}
    </div>
  );
}
