"use client";

import { unstable_rethrow } from "next/navigation";
import { useRef, useState, useTransition } from "react";
import type { ActionResult } from "@/lib/actions/run-action";

export type SubmitState =
  { kind: "idle" } | { kind: "sending" } | { kind: "retrying"; attempt: number; inSeconds: number } | { kind: "refused"; code: string; message: string };

const MAX_DELAY_S = 10;

/**
 * Sends an answer through a Server Action that moves on to the next task when it succeeds. A lost
 * connection is retried with backoff, for as long as it takes: the action is idempotent (one key
 * per task), so a retry can never store a second judgment. A refusal from the server is shown.
 */
export function useSubmit(send: () => Promise<ActionResult<never>>) {
  const [pending, startTransition] = useTransition();
  const [state, setState] = useState<SubmitState>({ kind: "idle" });
  const busy = useRef(false);

  const submit = () => {
    if (busy.current) return;
    busy.current = true;
    setState({ kind: "sending" });
    startTransition(async () => {
      try {
        for (let attempt = 1; ; attempt++) {
          try {
            const result = await send();
            if (result && !result.ok) setState({ kind: "refused", code: result.code, message: result.error });
            return;
          } catch (failure) {
            // The redirect to the next task arrives as a thrown signal the router must see.
            unstable_rethrow(failure);
            const delay = Math.min(MAX_DELAY_S, 2 ** (attempt - 1));
            for (let left = delay; left > 0; left--) {
              setState({ kind: "retrying", attempt, inSeconds: left });
              await new Promise((resolve) => setTimeout(resolve, 1000));
            }
            setState({ kind: "sending" });
          }
        }
      } finally {
        busy.current = false;
      }
    });
  };

  return { submit, state, sending: pending || state.kind === "sending" || state.kind === "retrying" };
}
