"use client";

import { useEffect, useRef, useState } from "react";
import { saveConversationDraftAction } from "@/lib/actions/conversations";

const SAVE_DELAY_MS = 600;

export type MessageDraftStatus = "saved" | "saving" | "unsaved";

/**
 * The message being typed, saved on the server after a short pause (a refresh, another tab or another
 * device finds it) and in this browser at once (a lost connection does not lose it).
 */
export function useMessageDraft(conversationId: string, serverDraft: string) {
  const key = `preflab:message:${conversationId}`;
  const [text, setText] = useState(serverDraft);
  const [status, setStatus] = useState<MessageDraftStatus>("saved");
  const timer = useRef<ReturnType<typeof setTimeout> | null>(null);

  useEffect(() => {
    const local = safeRead(key);
    if (local !== null && local !== serverDraft && serverDraft === "") setText(local);
  }, [key, serverDraft]);

  const save = async (message: string) => {
    setStatus("saving");
    const result = await saveConversationDraftAction({ conversationId, message }).catch(() => null);
    setStatus(result?.ok ? "saved" : "unsaved");
  };

  const change = (message: string) => {
    setText(message);
    safeWrite(key, message);
    setStatus("unsaved");
    if (timer.current) clearTimeout(timer.current);
    timer.current = setTimeout(() => void save(message), SAVE_DELAY_MS);
  };

  const clear = () => {
    if (timer.current) clearTimeout(timer.current);
    safeWrite(key, null);
    setText("");
  };

  return { text, status, change, clear };
}

function safeRead(key: string): string | null {
  try {
    return localStorage.getItem(key);
  } catch {
    return null; // storage turned off: the server's draft is used
  }
}

function safeWrite(key: string, value: string | null) {
  try {
    if (value === null) localStorage.removeItem(key);
    else localStorage.setItem(key, value);
  } catch {
    // storage turned off or full: the server keeps the draft
  }
}
