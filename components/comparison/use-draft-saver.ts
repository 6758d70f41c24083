"use client";

import { useRef, useState } from "react";
import { sendDraft, type DraftStatus } from "@/components/comparison/send-draft";
import type { Draft } from "@/lib/validations/judgment";

const SAVE_DELAY_MS = 600;

/**
 * Sends the draft to the server a short pause after the latest change. `latest` is the draft to
 * send; `flush` sends a save still waiting at once (the page is being left), `cancel` drops it.
 */
export function useDraftSaver(assignmentId: string, initial: Draft) {
  const [status, setStatus] = useState<DraftStatus>("saved");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(initial);

  const save = async (value: Draft, keepalive = false) => {
    setStatus("saving");
    setStatus(await sendDraft(assignmentId, value, keepalive));
  };
  const cancel = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
  };

  return {
    status,
    latest,
    saveNow: (value: Draft) => {
      latest.current = value;
      void save(value);
    },
    schedule: () => {
      setStatus("unsaved");
      cancel();
      timer.current = setTimeout(() => {
        timer.current = undefined;
        void save(latest.current);
      }, SAVE_DELAY_MS);
    },
    flush: () => {
      if (!timer.current) return;
      cancel();
      void save(latest.current, true);
    },
    cancel,
  };
}
