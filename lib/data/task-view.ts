// What a worker sees of one of their tasks, shared by the task page and the JSON API.
import type { ChatMessage } from "@/lib/formats/item";
import type { AnswerRules } from "@/lib/data/interpret-answer";
import type { Draft } from "@/lib/validations/judgment";

export const MAX_LEASE_EXTENSIONS = 3;

/** The project as its task page needs it: what it asks, and the rules an answer must follow. */
export type TaskProject = AnswerRules & {
  slug: string;
  name: string;
  question: string;
  instructions: string;
};

export type TaskView = {
  assignmentId: string;
  status: "ACTIVE" | "SUBMITTED" | "EXPIRED" | "SKIPPED" | "WITHDRAWN";
  leaseExpiresAt: string;
  leaseExtensionsLeft: number;
  project: TaskProject;
  /** The worker's first task in this project: the page opens the instructions first. */
  firstInProject: boolean;
  context: ChatMessage[];
  /** The responses in the order this worker sees them, labelled A, B, ...: no ids, no models. */
  responses: { label: string; text: string }[];
  /** The answer in progress, as last saved. */
  draft: { value: Draft; savedAt: string } | null;
};
