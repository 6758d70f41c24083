import Link from "next/link";
import { NextTaskButton } from "@/components/comparison/next-task-button";

const MESSAGES = {
  SUBMITTED: "You have answered this task.",
  SKIPPED: "You skipped this task; it went back to the pool for someone else.",
  EXPIRED: "The time for this task ran out, so it went back to the pool for someone else.",
  WITHDRAWN: "This task was withdrawn by an admin (its batch was closed).",
} as const;

export function TaskClosed({ status, projectSlug, studyId }: { status: keyof typeof MESSAGES; projectSlug: string; studyId?: string }) {
  return (
    <div className="mx-auto mt-8 max-w-md rounded-lg border border-slate-200 bg-white p-6 text-center">
      <p role="status" className="mb-4">
        {MESSAGES[status]}
      </p>
      <div className="flex items-center justify-center gap-4">
        {studyId && (
          <Link href={`/study/${studyId}`} className="text-indigo-700 underline">
            Back to the study
          </Link>
        )}
        <NextTaskButton projectSlug={projectSlug} studyId={studyId} disabled={false} autoFocus />
      </div>
    </div>
  );
}
