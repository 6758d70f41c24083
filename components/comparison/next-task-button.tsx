"use client";

import { useState, useTransition } from "react";
import { claimNextTaskAction } from "@/lib/actions/tasks";

export function NextTaskButton({ projectSlug, disabled, autoFocus }: { projectSlug: string; disabled: boolean; autoFocus?: boolean }) {
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="text-right">
      <button
        type="button"
        autoFocus={autoFocus && !disabled}
        disabled={disabled || pending}
        onClick={() =>
          startTransition(async () => {
            const result = await claimNextTaskAction(projectSlug);
            if (result && !result.ok) setError(result.error);
          })
        }
        className="rounded bg-indigo-600 px-4 py-2 font-medium text-white hover:bg-indigo-700 disabled:cursor-not-allowed disabled:opacity-50"
      >
        {pending ? "Opening…" : "Next task"}
      </button>
      {error && (
        <p role="alert" className="mt-1 text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}
