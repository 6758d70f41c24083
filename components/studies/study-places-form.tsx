"use client";

import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { updateStudyPlacesAction } from "@/lib/actions/studies";

/** The places an open study offers: raise them to let more in, lower them to take no newcomers. */
export function StudyPlacesForm({ studyId, name, maxParticipants }: { studyId: string; name: string; maxParticipants: number }) {
  const { formAction, pending, result, error } = useServerAction(updateStudyPlacesAction);
  return (
    <form action={formAction} className="mt-2 flex flex-wrap items-end gap-2 text-sm">
      <input type="hidden" name="studyId" value={studyId} />
      <label className="text-xs text-slate-500">
        Places
        <input
          name="maxParticipants"
          type="number"
          min={1}
          max={100000}
          required
          defaultValue={maxParticipants}
          aria-label={`Places in ${name}`}
          className="mt-1 block w-28 rounded border border-slate-300 px-2 py-1 text-sm text-slate-800"
        />
      </label>
      <button type="submit" disabled={pending} className="rounded border border-slate-300 px-2 py-1 hover:bg-slate-100 disabled:opacity-50">
        {pending ? "Saving…" : "Save places"}
      </button>
      {result?.ok && (
        <span role="status" className="text-emerald-700">
          Saved
        </span>
      )}
      <FormError message={error} />
    </form>
  );
}
