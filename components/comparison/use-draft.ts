"use client";

import { useEffect, useState } from "react";
import { localDraft } from "@/components/comparison/local-draft";
import { useDraftSaver } from "@/components/comparison/use-draft-saver";
import type { Draft } from "@/lib/validations/judgment";

/**
 * The answer in progress, kept in two places: this browser's storage at once (survives a crash or
 * an expired session) and the server after a short pause (survives a refresh, another tab or
 * another device). On load the newer of the two wins.
 */
export function useDraft(assignmentId: string, serverDraft: { value: Draft; savedAt: string } | null) {
  const [draft, setDraft] = useState<Draft>(serverDraft?.value ?? {});
  const saver = useDraftSaver(assignmentId, draft);

  // A draft kept only in this browser (the server was unreachable, or the session had ended) wins
  // over an older one from the server, and is sent on.
  // Runs once per task: the server's draft is the page's initial state.
  useEffect(() => {
    const local = localDraft.read(assignmentId);
    const serverTime = serverDraft ? new Date(serverDraft.savedAt).getTime() : 0;
    if (local && local.savedAt > serverTime) {
      setDraft(local.draft);
      saver.saveNow(local.draft);
    }
    window.addEventListener("pagehide", saver.flush);
    return () => {
      window.removeEventListener("pagehide", saver.flush);
      saver.flush();
    };
  }, [assignmentId]);

  const update = (change: Partial<Draft>) => {
    setDraft((current) => {
      const next = { ...current, ...change };
      saver.latest.current = next;
      localDraft.write(assignmentId, next);
      return next;
    });
    saver.schedule();
  };

  /** The answer is being sent: a pending draft save would only repeat it. */
  const cancelPendingSave = saver.cancel;

  const forget = () => {
    saver.cancel();
    localDraft.remove(assignmentId);
  };

  return { draft, update, status: saver.status, forget, cancelPendingSave };
}
