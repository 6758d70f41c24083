"use client";

import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { closeStudyAction } from "@/lib/actions/studies";

export function CloseStudyButton({ studyId, name }: { studyId: string; name: string }) {
  const { run, pending, error } = useServerAction(closeStudyAction);
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        aria-label={`Close study ${name}`}
        onClick={() => confirm(`Close "${name}"? Its link will take no more participants.`) && void run(studyId)}
        className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-50"
      >
        {pending ? "Closing…" : "Close"}
      </button>
      <FormError message={error} />
    </div>
  );
}
