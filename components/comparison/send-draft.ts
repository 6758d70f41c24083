import type { Draft } from "@/lib/validations/judgment";

export type DraftStatus = "saved" | "saving" | "unsaved" | "offline";

/** Stores the draft on the server; `keepalive` lets it finish while the page is closing. */
export async function sendDraft(assignmentId: string, draft: Draft, keepalive = false): Promise<DraftStatus> {
  try {
    const response = await fetch(`/api/v1/assignments/${assignmentId}/draft`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(draft),
      keepalive,
    });
    return response.ok ? "saved" : "unsaved";
  } catch {
    return "offline";
  }
}
