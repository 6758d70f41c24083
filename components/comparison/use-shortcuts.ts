"use client";

import { useEffect, useEffectEvent } from "react";

export type Shortcut = { keys: string; description: string };

const NOT_TYPING_INPUTS = new Set(["checkbox", "radio", "button", "submit", "reset", "range", "color", "file"]);

function isTyping(target: EventTarget | null) {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLInputElement) return !NOT_TYPING_INPUTS.has(target.type);
  return target.isContentEditable || target.tagName === "TEXTAREA" || target.tagName === "SELECT";
}

/**
 * One keydown listener for the task page. The handler gets the key only when the worker is not
 * typing and no dialog is open; it returns true when it used the key.
 */
export function useShortcuts(handle: (event: KeyboardEvent) => boolean) {
  // The listener is added once; it calls the handler of the latest render.
  const onShortcut = useEffectEvent(handle);
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.ctrlKey || event.metaKey || isTyping(event.target)) return;
      if (document.querySelector("dialog[open]")) return;
      if (onShortcut(event)) event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
