"use client";

import { useEffect, useState } from "react";

type StoredEdit = { editing: boolean; text: string };

function storageKey(assignmentId: string) {
  return `preflab:edit:${assignmentId}`;
}

function readStored(assignmentId: string): StoredEdit | null {
  try {
    return JSON.parse(localStorage.getItem(storageKey(assignmentId)) ?? "null");
  } catch {
    return null; // storage turned off: the edit lives in the page only
  }
}

function writeStored(assignmentId: string, value: StoredEdit | null) {
  try {
    if (value) localStorage.setItem(storageKey(assignmentId), JSON.stringify(value));
    else localStorage.removeItem(storageKey(assignmentId));
  } catch {
    // storage turned off or full: the edit lives in the page only
  }
}

/**
 * The worker's edit of the picked response, kept in this browser so a refresh does not lose it. It
 * starts as the picked response and follows the pick until the worker changes the text.
 */
export function useEditedReply(assignmentId: string, pickedText: string) {
  const [edit, setEdit] = useState<StoredEdit & { touched: boolean }>({ editing: false, text: pickedText, touched: false });
  useEffect(() => {
    const stored = readStored(assignmentId);
    if (stored) setEdit({ ...stored, touched: true });
  }, [assignmentId]);
  const text = edit.touched ? edit.text : pickedText;

  const change = (next: Partial<StoredEdit>) => {
    const value = { editing: next.editing ?? edit.editing, text: next.text ?? text };
    setEdit({ ...value, touched: edit.touched || next.text !== undefined });
    writeStored(assignmentId, value);
  };

  return {
    editing: edit.editing,
    text,
    setEditing: (editing: boolean) => change({ editing }),
    setText: (value: string) => change({ text: value }),
    /** Starts over from the picked response. */
    reset: () => setEdit({ editing: true, text: pickedText, touched: false }),
    forget: () => writeStored(assignmentId, null),
  };
}
