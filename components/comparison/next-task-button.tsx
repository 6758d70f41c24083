"use client";

import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { useServerAction } from "@/components/ui/use-server-action";
import { claimStudyTaskAction } from "@/lib/actions/studies";
import { claimNextTaskAction } from "@/lib/actions/tasks";

/** Leases the next task of the project, or of the study when the worker came from a study link. */
export function NextTaskButton({
  projectSlug,
  studyId,
  disabled,
  autoFocus,
}: {
  projectSlug: string;
  studyId?: string;
  disabled: boolean;
  autoFocus?: boolean;
}) {
  const { run, pending, error } = useServerAction(() => (studyId ? claimStudyTaskAction(studyId) : claimNextTaskAction(projectSlug)));
  return (
    <div className="text-right">
      <Button type="button" autoFocus={autoFocus && !disabled} disabled={disabled || pending} onClick={() => void run()}>
        {pending ? "Opening…" : "Next task"}
      </Button>
      <FormError message={error} className="mt-1" />
    </div>
  );
}
