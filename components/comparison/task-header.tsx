"use client";

import Link from "next/link";
import { LeaseBar } from "@/components/comparison/lease-bar";
import type { useLease } from "@/components/comparison/use-lease";
import type { TaskDialog } from "@/components/comparison/use-task-workspace";

/** The project's name (and the way back to a study), the lease's time, and the instructions and keys. */
export function TaskHeader({
  projectName,
  studyId,
  hasInstructions,
  lease,
  onOpen,
}: {
  projectName: string;
  studyId?: string;
  hasInstructions: boolean;
  lease: ReturnType<typeof useLease>;
  onOpen: (dialog: TaskDialog) => void;
}) {
  return (
    <div className="mb-3 flex flex-wrap items-center justify-between gap-2">
      <p className="min-w-0 text-sm wrap-anywhere text-slate-500">
        {projectName}
        {studyId && (
          <>
            {" · "}
            <Link href={`/study/${studyId}`} className="text-indigo-700 underline">
              Back to the study
            </Link>
          </>
        )}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <LeaseBar
          leaseExpiresAt={lease.expiresAt}
          extensionsLeft={lease.extensionsLeft}
          extending={lease.extending}
          onExtend={() => void lease.extend()}
          onExpired={lease.onExpired}
        />
        {hasInstructions && (
          <button type="button" onClick={() => onOpen("instructions")} className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100">
            Instructions <kbd className="text-xs text-slate-500">I</kbd>
          </button>
        )}
        <button type="button" onClick={() => onOpen("help")} className="rounded border border-slate-300 px-2 py-0.5 text-sm hover:bg-slate-100">
          Keys <kbd className="text-xs text-slate-500">?</kbd>
        </button>
      </div>
    </div>
  );
}
