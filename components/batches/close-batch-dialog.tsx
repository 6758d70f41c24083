"use client";

import { Button } from "@/components/ui/button";
import { Modal } from "@/components/ui/modal";

/** Closing is final: says what it ends before the admin confirms. */
export function CloseBatchDialog({ open, openLeases, onClose, onConfirm }: { open: boolean; openLeases: number; onClose: () => void; onConfirm: () => void }) {
  return (
    <Modal open={open} title="Close this batch?" onClose={onClose}>
      <p className="mb-4">
        Closing is final. Its items are no longer offered, and{" "}
        {openLeases === 0
          ? "no one holds a task of it now."
          : `the ${openLeases} open ${openLeases === 1 ? "lease ends" : "leases end"} now: answers not yet sent are not stored.`}
      </p>
      <div className="flex justify-end gap-3">
        <button type="button" onClick={onClose} className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100">
          Keep it open
        </button>
        <Button type="button" autoFocus onClick={onConfirm} className="bg-red-700 hover:bg-red-800">
          Close batch and end leases
        </Button>
      </div>
    </Modal>
  );
}
