"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
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
  const [pending, startTransition] = useTransition();
  const [error, setError] = useState<string | null>(null);
  return (
    <div className="text-right">
      <Button
        type="button"
        autoFocus={autoFocus && !disabled}
        disabled={disabled || pending}
        onClick={() =>
          startTransition(async () => {
            const result = studyId ? await claimStudyTaskAction(studyId) : await claimNextTaskAction(projectSlug);
            if (result && !result.ok) setError(result.error);
          })
        }
      >
        {pending ? "Opening…" : "Next task"}
      </Button>
      <FormError message={error} className="mt-1" />
    </div>
  );
}
