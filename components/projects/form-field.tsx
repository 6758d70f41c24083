import type { ReactNode } from "react";

/** A labelled control of the project form, with its hint, a note and the server's error for it. */
export function FormField({ label, hint, error, note, children }: { label: string; hint?: string; error?: string; note?: ReactNode; children: ReactNode }) {
  return (
    <label className="block text-sm">
      {label}
      {hint && <span className="text-slate-500"> ({hint})</span>}
      {note}
      {children}
      {error && <span className="text-red-700">{error}</span>}
    </label>
  );
}
