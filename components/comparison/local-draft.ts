import type { Draft } from "@/lib/validations/judgment";

export type StoredDraft = { draft: Draft; savedAt: number };

function key(assignmentId: string) {
  return `preflab:draft:${assignmentId}`;
}

/** The answer in progress as this browser keeps it, per task. */
export const localDraft = {
  read(assignmentId: string): StoredDraft | null {
    try {
      return JSON.parse(localStorage.getItem(key(assignmentId)) ?? "null");
    } catch {
      return null;
    }
  },
  write(assignmentId: string, draft: Draft) {
    localStorage.setItem(key(assignmentId), JSON.stringify({ draft, savedAt: Date.now() } satisfies StoredDraft));
  },
  remove(assignmentId: string) {
    localStorage.removeItem(key(assignmentId));
  },
};
