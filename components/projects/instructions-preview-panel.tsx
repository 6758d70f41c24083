"use client";

import type { ReactNode } from "react";

/** The instructions as workers will see them, rendered on the server. */
export function InstructionsPreviewPanel({ hidden, pending, error, preview }: { hidden: boolean; pending: boolean; error: string | null; preview: ReactNode }) {
  return (
    <div
      id="instructions-preview"
      role="tabpanel"
      aria-labelledby="instructions-preview-tab"
      hidden={hidden}
      aria-busy={pending}
      className="min-h-24 rounded-b rounded-tr border border-slate-300 bg-white p-3"
    >
      {pending ? (
        <p className="text-sm text-slate-500">Rendering…</p>
      ) : error ? (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      ) : (
        (preview ?? <p className="text-sm text-slate-500">Nothing to preview yet.</p>)
      )}
    </div>
  );
}
