"use client";

import { useRef, useState } from "react";
import { NETWORK_ERROR, useServerAction } from "@/components/ui/use-server-action";
import type { ActionResult } from "@/lib/actions/run-action";

export type SubmitState =
  { kind: "idle" } | { kind: "sending" } | { kind: "retrying"; attempt: number; inSeconds: number } | { kind: "refused"; code: string; message: string };

const MAX_DELAY_S = 10;

/**
 * Sends an answer through a Server Action that moves on to the next task when it succeeds, or answers
 * with something to show first (practice feedback), handed to onStored. A lost connection is retried
 * with backoff, for as long as it takes: the action is idempotent (one key per task), so a retry can
 * never store a second judgment. A refusal from the server is shown.
 */
export function useSubmit<T>(send: () => Promise<ActionResult<T>>, onStored: (data: T) => void = () => {}) {
  const { run, pending } = useServerAction(send);
  const [state, setState] = useState<SubmitState>({ kind: "idle" });
  const busy = useRef(false);

  const submit = async () => {
    if (busy.current) return;
    busy.current = true;
    setState({ kind: "sending" });
    try {
      for (let attempt = 1; ; attempt++) {
        // No result: the answer was stored and the page is moving on to the next task.
        const result = await run();
        if (result === undefined) return;
        if (result.ok) return onStored(result.data as T);
        if (result.code !== NETWORK_ERROR) return setState({ kind: "refused", code: result.code, message: result.error });
        const delay = Math.min(MAX_DELAY_S, 2 ** (attempt - 1));
        for (let left = delay; left > 0; left--) {
          setState({ kind: "retrying", attempt, inSeconds: left });
          await new Promise((resolve) => setTimeout(resolve, 1000));
        }
        setState({ kind: "sending" });
      }
    } finally {
      busy.current = false;
    }
  };

  return { submit: () => void submit(), state, sending: pending || state.kind === "sending" || state.kind === "retrying" };
}
