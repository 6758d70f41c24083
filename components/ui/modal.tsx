"use client";

import { useEffect, useRef, type ReactNode } from "react";

/** A native modal dialog: focus is trapped and Escape closes it, as the browser does for <dialog>. */
export function Modal({ open, title, onClose, children }: { open: boolean; title: string; onClose: () => void; children: ReactNode }) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (open && !element.open) element.showModal();
    if (!open && element.open) element.close();
  }, [open]);
  return (
    <dialog
      ref={dialog}
      aria-label={title}
      // Escape closes the dialog at once but its close event comes a task later; a key pressed in between
      // would meet a stale open state. The cancel event comes first, in the same task, so the state follows
      // the dialog. Close stays for other ways of closing it; onClose must be safe to call twice.
      onCancel={onClose}
      onClose={onClose}
      className="m-auto w-[min(40rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-slate-900/40"
    >
      <div className="flex items-center justify-between border-b border-slate-200 px-4 py-3">
        <h2 className="font-semibold">{title}</h2>
        <button type="button" onClick={onClose} aria-label="Close" className="rounded px-2 text-xl leading-none hover:bg-slate-100">
          ×
        </button>
      </div>
      <div className="max-h-[70vh] overflow-auto p-4">{open && children}</div>
    </dialog>
  );
}
