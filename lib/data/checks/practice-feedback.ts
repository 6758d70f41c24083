// What a worker is told after answering an item of the project's practice set (and only then: gold
// and attention items answer exactly like tasks, so nothing tells them apart).

export type QualificationOutcome = "PRACTISING" | "QUALIFIED" | "FAILED";

export type PracticeFeedback = {
  /** The worker's best response was the reference's best. */
  correct: boolean;
  /** The reference preference: candidate ids grouped best first, as in a judgment's ranking. */
  reference: string[][];
  /** Why the reference is right, when the practice item says. */
  note: string | null;
  answered: number;
  correctSoFar: number;
  /** Practice items in the project's active batches. */
  total: number;
  /** Share of the practice set that must be right, 0 to 1. */
  passMark: number;
  outcome: QualificationOutcome;
};
