import type { ReactNode } from "react";

export const inputClass = "mt-1 w-full rounded border border-slate-300 px-3 py-2";

/** A labelled control with an optional hint and the server's message about it. */
export function EndpointField({ label, hint, error, children }: { label: string; hint?: string; error?: string; children: ReactNode }) {
  return (
    <label className="block text-sm">
      {label}
      {hint && <span className="text-slate-500"> ({hint})</span>}
      {children}
      {error && <span className="text-red-700">{error}</span>}
    </label>
  );
}
