// What an export reads: each item once, with its candidates and every judgment it got.
import type { ChatMessage } from "@/lib/formats/item";
import type { PairwiseScaleName } from "@/lib/judgment-scales";

export type ExportCandidate = { id: string; text: string; model: string | null };

export type ExportJudgment = {
  id: string;
  workerId: string;
  workerBlocked: boolean;
  /** Candidate ids best first, groups are ties; empty for "both bad". */
  ranking: string[][];
  /** Signed on the scale as the worker saw it (negative: response A). */
  strength: number | null;
  bothBad: boolean;
  flags: Record<string, string[]>;
  rationale: string | null;
  timeSpentMs: number;
  assignedAt: Date;
  createdAt: Date;
  /** Candidate ids in the order the worker saw them (A, B, ...). */
  displayOrder: string[];
};

export type ExportItem = {
  itemId: string;
  externalId: string | null;
  project: string;
  polarity: "HELPFUL" | "HARMLESS" | "RED_TEAM" | "CUSTOM";
  scale: PairwiseScaleName;
  batchId: string;
  position: number;
  /** The live conversation the item is a turn (or an edit, or a review copy) of: its turns share one split. */
  conversationId: string | null;
  /** TASK, or a check item's role: check items' judgments stay out of datasets unless asked for. */
  role: "TASK" | "GOLD" | "ATTENTION" | "PRACTICE";
  context: ChatMessage[];
  /** In import order. */
  candidates: ExportCandidate[];
  judgments: ExportJudgment[];
};
