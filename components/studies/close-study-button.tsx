"use client";

import { useState, useTransition } from "react";
import { FormError } from "@/components/ui/form-error";
import { closeStudyAction } from "@/lib/actions/studies";

export function CloseStudyButton({ studyId, name }: { studyId: string; name: string }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div>
      <button
        type="button"
        disabled={pending}
        aria-label={`Close study ${name}`}
        onClick={() =>
          confirm(`Close "${name}"? Its link will take no more participants.`) &&
          startTransition(async () => {
            const result = await closeStudyAction(studyId);
            if (!result.ok) setError(result.error);
          })
        }
        className="rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-50"
      >
        {pending ? "Closing…" : "Close"}
      </button>
      <FormError message={error} />
    </div>
  );
}
