// A worker's standing in a project as staff read it: paused (with why), practising, failed the practice
// set, or qualified. Client-safe: the Quality page, its drill-down and the JSON API share it.

export type StandingFacts = {
  practiceAnswers: number;
  practiceCorrect: number;
  qualifiedAt: string | null;
  failedAt: string | null;
  pausedAt: string | null;
  pauseReason: string | null;
};

export type WorkerStatus =
  | { kind: "PAUSED"; label: string; since: string; reason: string | null }
  | { kind: "FAILED"; label: string; correct: number; answered: number; total: number }
  | { kind: "PRACTISING"; label: string; answered: number; total: number }
  | { kind: "QUALIFIED"; label: string };

/**
 * The status a standing shows, or null when there is nothing to say (no qualification, never paused).
 * A pause comes first: it is what stops the worker now. practiceTotal is the practice set's size
 * (practice items in active batches); passMark null is a project without qualification.
 */
export function workerStatus(
  standing: StandingFacts | null,
  { passMark, practiceTotal }: { passMark: number | null; practiceTotal: number },
): WorkerStatus | null {
  if (standing?.pausedAt) {
    const reason = standing.pauseReason;
    return { kind: "PAUSED", label: reason ? `Paused: ${reason}` : "Paused", since: standing.pausedAt, reason };
  }
  if (standing?.failedAt) {
    const { practiceCorrect: correct, practiceAnswers: answered } = standing;
    return { kind: "FAILED", label: `Failed practice ${correct} of ${answered}`, correct, answered, total: practiceTotal };
  }
  if (standing?.qualifiedAt) return { kind: "QUALIFIED", label: "Qualified" };
  if (passMark === null) return null;
  const answered = standing?.practiceAnswers ?? 0;
  return { kind: "PRACTISING", label: `Practising ${answered} of ${practiceTotal}`, answered, total: practiceTotal };
}
