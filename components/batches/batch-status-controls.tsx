"use client";

import { useState } from "react";
import { BatchPriorityForm } from "@/components/batches/batch-priority-form";
import { CloseBatchDialog } from "@/components/batches/close-batch-dialog";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
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
      {status !== "CLOSED" && <BatchPriorityForm priority={priority} pending={pending} onSet={(value) => void run({ priority: value })} />}
      <FormError message={error} />
      <CloseBatchDialog
        open={confirmClose}
        openLeases={openLeases}
        onClose={() => setConfirmClose(false)}
        onConfirm={() => {
          setConfirmClose(false);
          moveTo("CLOSED");
        }}
      />
    </div>
  );
}
