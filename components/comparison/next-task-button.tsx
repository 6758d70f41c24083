"use client";

import { useState, useTransition } from "react";
import { Button } from "@/components/ui/button";
import { FormError } from "@/components/ui/form-error";
import { claimNextTaskAction } from "@/lib/actions/tasks";

export function NextTaskButton({ projectSlug, disabled, autoFocus }: { projectSlug: string; disabled: boolean; autoFocus?: boolean }) {
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
            const result = await claimNextTaskAction(projectSlug);
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
