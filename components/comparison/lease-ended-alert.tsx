"use client";

import { NextTaskButton } from "@/components/comparison/next-task-button";
import type { LeaseEnd } from "@/components/comparison/use-lease";

/** Why the task can no longer be answered, and the way on to the next one. */
export function LeaseEndedAlert({ ended, projectSlug, studyId }: { ended: LeaseEnd; projectSlug: string; studyId?: string }) {
  return (
    <div role="alert" className="mb-4 flex flex-wrap items-center justify-between gap-3 rounded border border-red-300 bg-red-50 p-3 text-red-900">
      <span>
        {ended === "withdrawn"
          ? "This task was withdrawn by an admin (its batch was closed)."
          : "Time is up for this task: it went back to the pool for someone else."}
      </span>
      <NextTaskButton projectSlug={projectSlug} studyId={studyId} disabled={false} />
    </div>
  );
}
