"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Modal } from "@/components/ui/modal";
import { useServerAction } from "@/components/ui/use-server-action";
import { setBatchPriorityAction, setBatchStatusAction } from "@/lib/actions/batches";
import { allowedBatchTransitions, TRANSITION_LABELS, type BatchStatusName } from "@/lib/data/batch-transitions";

/** The allowed status changes as buttons (closing asks first) and the priority editor. */
export function BatchStatusControls({
  batchId,
  status,
  priority,
  openLeases,
}: {
  batchId: string;
  status: BatchStatusName;
  priority: number;
  openLeases: number;
}) {
  const [confirmClose, setConfirmClose] = useState(false);
  // A status change and a priority change share one pending state and one error line.
  const { run, pending, error } = useServerAction((change: { status: BatchStatusName } | { priority: FormDataEntryValue | null }) =>
    "status" in change ? setBatchStatusAction({ batchId, ...change }) : setBatchPriorityAction({ batchId, ...change }),
  );
  const moveTo = (next: BatchStatusName) => void run({ status: next });

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-center gap-3">
        {allowedBatchTransitions(status).map((next) =>
          next === "CLOSED" ? (
            <button
              key={next}
              type="button"
              disabled={pending}
              onClick={() => setConfirmClose(true)}
              className="rounded border border-red-300 px-4 py-2 font-medium text-red-800 hover:bg-red-50 disabled:opacity-60"
            >
              {TRANSITION_LABELS[next]}…
            </button>
          ) : (
            <Button key={next} type="button" disabled={pending} onClick={() => moveTo(next)}>
              {TRANSITION_LABELS[next]}
            </Button>
          ),
        )}
        {status === "CLOSED" && <p className="text-sm text-slate-600">Closed batches stay closed.</p>}
      </div>
      {status !== "CLOSED" && (
        <form className="flex flex-wrap items-end gap-2 text-sm" action={(form) => void run({ priority: form.get("priority") })}>
          <label>
            Priority <span className="text-slate-500">(higher is offered first)</span>
            <input
              name="priority"
              type="number"
              step={1}
              min={-1000}
              max={1000}
              defaultValue={priority}
              className="ml-2 w-24 rounded border border-slate-300 px-2 py-1"
            />
          </label>
          <button type="submit" disabled={pending} className="rounded border border-slate-300 px-3 py-1 hover:bg-slate-100 disabled:opacity-60">
            Set priority
          </button>
        </form>
      )}
      <FormError message={error} />
      <Modal open={confirmClose} title="Close this batch?" onClose={() => setConfirmClose(false)}>
        <p className="mb-4">
          Closing is final. Its items are no longer offered, and{" "}
          {openLeases === 0
            ? "no one holds a task of it now."
            : `the ${openLeases} open ${openLeases === 1 ? "lease ends" : "leases end"} now: answers not yet sent are not stored.`}
        </p>
        <div className="flex justify-end gap-3">
          <button type="button" onClick={() => setConfirmClose(false)} className="rounded border border-slate-300 px-4 py-2 hover:bg-slate-100">
            Keep it open
          </button>
          <Button
            type="button"
            autoFocus
            onClick={() => {
              setConfirmClose(false);
              moveTo("CLOSED");
            }}
            className="bg-red-700 hover:bg-red-800"
          >
            Close batch and end leases
          </Button>
        </div>
      </Modal>
    </div>
  );
}
