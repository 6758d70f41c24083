"use client";

import { useEffect, useRef, useState } from "react";
import type { Draft } from "@/lib/validations/judgment";

const SAVE_DELAY_MS = 600;

export type DraftStatus = "saved" | "saving" | "unsaved" | "offline";

type StoredDraft = { draft: Draft; savedAt: number };

function localKey(assignmentId: string) {
  return `preflab:draft:${assignmentId}`;
}

function readLocal(assignmentId: string): StoredDraft | null {
  try {
    return JSON.parse(localStorage.getItem(localKey(assignmentId)) ?? "null");
  } catch {
    return null; // storage turned off, or not a draft of ours: the server's draft is used
  }
}

/**
 * The answer in progress, kept in two places: this browser's storage at once (survives a crash or
 * an expired session) and the server after a short pause (survives a refresh, another tab or
 * another device). On load the newer of the two wins.
 */
export function useDraft(assignmentId: string, serverDraft: { value: Draft; savedAt: string } | null) {
  const [draft, setDraft] = useState<Draft>(serverDraft?.value ?? {});
  const [status, setStatus] = useState<DraftStatus>("saved");
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const latest = useRef(draft);

  const save = async (value: Draft, keepalive = false) => {
    setStatus("saving");
    try {
      const response = await fetch(`/api/v1/assignments/${assignmentId}/draft`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(value),
        keepalive,
      });
      setStatus(response.ok ? "saved" : "unsaved");
    } catch {
      setStatus("offline");
    }
  };

  // A draft kept only in this browser (the server was unreachable, or the session had ended) wins
  // over an older one from the server, and is sent on.
  // Runs once per task: the server's draft is the page's initial state.
  useEffect(() => {
    const local = readLocal(assignmentId);
    const serverTime = serverDraft ? new Date(serverDraft.savedAt).getTime() : 0;
    if (local && local.savedAt > serverTime) {
      setDraft(local.draft);
      latest.current = local.draft;
      void save(local.draft);
    }
    const flush = () => {
      if (timer.current) {
        clearTimeout(timer.current);
        timer.current = undefined;
        void save(latest.current, true);
      }
    };
    window.addEventListener("pagehide", flush);
    return () => {
      window.removeEventListener("pagehide", flush);
      flush();
    };
  }, [assignmentId]);

  const update = (change: Partial<Draft>) => {
    setDraft((current) => {
      const next = { ...current, ...change };
      latest.current = next;
      localStorage.setItem(localKey(assignmentId), JSON.stringify({ draft: next, savedAt: Date.now() } satisfies StoredDraft));
      return next;
    });
    setStatus("unsaved");
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      timer.current = undefined;
      void save(latest.current);
    }, SAVE_DELAY_MS);
  };

  /** The answer is being sent: a pending draft save would only repeat it. */
  const cancelPendingSave = () => {
    clearTimeout(timer.current);
    timer.current = undefined;
  };

  const forget = () => {
    cancelPendingSave();
    localStorage.removeItem(localKey(assignmentId));
  };

  return { draft, update, status, forget, cancelPendingSave };
}
