"use client";

import { useState } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { Modal } from "@/components/ui/modal";
import { useServerAction } from "@/components/ui/use-server-action";
import { allowQualificationRetryAction, resumeWorkerAction } from "@/lib/actions/worker-standings";
import type { WorkerStatus } from "@/lib/quality/worker-status";

const secondary = "rounded border border-slate-300 px-2 py-1 text-sm hover:bg-slate-100 disabled:opacity-60";

/** An admin's way out of a pause (Resume) or a failed practice set (Allow retry); nothing for other statuses. */
export function StandingActions({ slug, workerId, worker, status }: { slug: string; workerId: string; worker: string; status: WorkerStatus | null }) {
  const resume = useServerAction(resumeWorkerAction);
  const retry = useServerAction(allowQualificationRetryAction);
  const [confirming, setConfirming] = useState(false);
  if (status?.kind === "PAUSED") {
    return (
      <span>
        <button type="button" disabled={resume.pending} onClick={() => void resume.run(slug, workerId)} className={secondary} aria-label={`Resume ${worker}`}>
          {resume.pending ? "Resuming…" : "Resume"}
        </button>
        <FormError message={resume.error} />
      </span>
    );
  }
  if (status?.kind !== "FAILED") return null;
  return (
    <span>
      <button type="button" onClick={() => setConfirming(true)} className={secondary} aria-label={`Allow retry for ${worker}`}>
        Allow retry
      </button>
      <Modal open={confirming} title={`Let ${worker} retry the practice set?`} onClose={() => setConfirming(false)}>
        <p className="text-sm text-slate-700">
          Their {status.answered} practice answers are deleted and they start the practice set again from the first item, with feedback after each.
        </p>
        <div className="mt-4 flex gap-3">
          <Button type="button" autoFocus disabled={retry.pending} onClick={async () => (await retry.run(slug, workerId))?.ok && setConfirming(false)}>
            {retry.pending ? "Allowing…" : "Allow retry"}
          </Button>
          <button type="button" onClick={() => setConfirming(false)} className={secondary}>
            Cancel
          </button>
        </div>
        <FormError message={retry.error} className="mt-2" />
      </Modal>
    </span>
  );
}
