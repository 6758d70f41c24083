// What the conversations export reads: a live conversation with its answered turns, each with the
// samples shown, the worker's judgment and what the conversation went on with.
import type { ChatMessage } from "@/lib/formats/item";

/** The sampling settings a sample was requested with, as stored when its turn was made. */
export type StoredSampleSettings = {
  modelId?: string;
  temperature?: number | null;
  topP?: number | null;
  maxTokens?: number | null;
  stop?: string[];
  seed?: number | null;
  systemPrompt?: string | null;
};

export type ExportSample = {
  /** Where the worker saw it: 0 is A. */
  label: number;
  candidateId: string;
  /** The endpoint's name, as the turn's candidate carries it. */
  model: string | null;
  text: string;
  settings: StoredSampleSettings;
  firstTokenMs: number | null;
  durationMs: number | null;
  promptTokens: number | null;
  completionTokens: number | null;
  finishReason: string | null;
};

export type ExportTurn = {
  index: number;
  itemId: string;
  /** The messages the samples answered, ending with the worker's message. */
  context: ChatMessage[];
  samples: ExportSample[];
  /** The worker's judgment of the samples: candidate ids best first, flags by candidate id. */
  judgment: { ranking: string[][]; strength: number | null; rationale: string | null; flags: Record<string, string[]> };
  pickedCandidateId: string;
  /** What the conversation went on with: the pick, or the worker's edit of it. */
  reply: string;
  edited: boolean;
  /** The judgments of the turn's edit item (one when edited). */
  editJudgments: number;
};

export type ExportConversation = {
  id: string;
  project: string;
  redTeam: boolean;
  workerId: string;
  workerBlocked: boolean;
  status: "ACTIVE" | "COMPLETED" | "ABANDONED";
  createdAt: Date;
  endedAt: Date | null;
  taskDescription: string | null;
  rating: number | null;
  comment: string | null;
  /** Answered turns, in order. */
  turns: ExportTurn[];
  /** Turns sent but not answered (the conversation ended, or is still going). */
  unansweredTurns: number;
};
