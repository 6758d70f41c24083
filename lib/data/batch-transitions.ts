// The batch lifecycle as data, shared by the server (which enforces it) and the batch page (which
// offers only the allowed buttons). Pure: no database, so it is unit-tested on its own.
export const BATCH_STATUSES = ["DRAFT", "ACTIVE", "PAUSED", "CLOSED"] as const;

export type BatchStatusName = (typeof BATCH_STATUSES)[number];

const ALLOWED: Record<BatchStatusName, readonly BatchStatusName[]> = {
  DRAFT: ["ACTIVE", "CLOSED"],
  ACTIVE: ["PAUSED", "CLOSED"],
  PAUSED: ["ACTIVE", "CLOSED"],
  CLOSED: [],
};

export function allowedBatchTransitions(from: BatchStatusName): readonly BatchStatusName[] {
  return ALLOWED[from];
}

/** Why a change of status is refused, or null when it is allowed. */
export function explainRefusedTransition(from: BatchStatusName, to: BatchStatusName): string | null {
  if (ALLOWED[from].includes(to)) return null;
  if (from === to) return `The batch is already ${to.toLowerCase()}`;
  if (from === "CLOSED") return "A closed batch stays closed: its open leases were ended and it cannot be reopened";
  if (to === "DRAFT") return "A batch goes back to draft only before it was ever active";
  // The one remaining case: DRAFT -> PAUSED.
  return "Only an active batch can be paused";
}

/** The verb on the button that moves a batch to a status. */
export const TRANSITION_LABELS: Record<BatchStatusName, string> = {
  DRAFT: "Back to draft",
  ACTIVE: "Activate",
  PAUSED: "Pause",
  CLOSED: "Close",
};
