"use client";

import { useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/run-action";

/** Runs a Server Action from a button; keeps its refusal to show beside the control. */
export function useActionError() {
  const [error, setError] = useState<string | null>(null);
  const [pending, startTransition] = useTransition();
  function run<T>(action: () => Promise<ActionResult<T>>, onDone?: (data: T) => void, onRefused?: () => void) {
    setError(null);
    startTransition(async () => {
      const result = await action();
      if (result.ok) onDone?.(result.data);
      else {
        setError(result.error);
        onRefused?.();
      }
    });
  }
  return { error, pending, run };
}
