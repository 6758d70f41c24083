// What every import format turns a line into, and what the exporters read back.

export type ChatRole = "system" | "user" | "assistant";

export type ChatMessage = { role: ChatRole; content: string };

export type CandidateInput = {
  text: string;
  model: string | null;
  meta: Record<string, unknown>;
  /** The source's own preference, 1 = best; null when the source has none. */
  referenceRank: number | null;
};

export type ItemInput = {
  externalId: string | null;
  context: ChatMessage[];
  candidates: CandidateInput[];
  meta: Record<string, unknown>;
  /** Why the reference preference is right (Preflab JSONL `explanation`, a mapped CSV column); shown after a practice answer. */
  referenceNote?: string | null;
};

export const MIN_CANDIDATES = 2;
export const MAX_CANDIDATES = 9;
