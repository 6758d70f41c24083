"use client";

import { useEffect, useEffectEvent, useState } from "react";
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
  // Once per task: take this browser's copy if it is newer than the server's, and save on leaving.
  const restoreNewerLocalCopy = useEffectEvent(() => {
    const local = localDraft.read(assignmentId);
    const serverTime = serverDraft ? new Date(serverDraft.savedAt).getTime() : 0;
    if (local && local.savedAt > serverTime) {
      setDraft(local.draft);
      saver.saveNow(local.draft);
    }
  });
  const flush = useEffectEvent(() => saver.flush());
  useEffect(() => {
    restoreNewerLocalCopy();
    const onPageHide = () => flush();
    window.addEventListener("pagehide", onPageHide);
    return () => {
      window.removeEventListener("pagehide", onPageHide);
      flush();
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
