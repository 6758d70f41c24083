// Scoring one answer against an item's reference preference, and the two rules that follow from the
// scores: the pause (gold and attention) and the qualification (practice). Pure, so unit-tested alone.
import { wilsonInterval } from "@/lib/quality/proportions";
import { percent } from "@/lib/data/checks/check-figures";
import type { QualificationOutcome } from "@/lib/data/checks/practice-feedback";

/** The reference preference: candidate ids grouped best first by reference rank (unranked left out). */
export function referenceOf(candidates: { id: string; reference_rank: number | null }[]): string[][] {
  const ranks = [...new Set(candidates.flatMap((c) => (c.reference_rank === null ? [] : [c.reference_rank])))].sort((a, b) => a - b);
  return ranks.map((rank) => candidates.filter((c) => c.reference_rank === rank).map((c) => c.id));
}

/**
 * Right when the worker's single best response is the reference's single best: a tie at the top or
 * "both bad" is never right, and a reference without exactly one best scores nothing right. The same
 * rule as the reference accuracy of the worker signals.
 */
export function isCorrectAnswer(answer: { ranking: string[][]; bothBad: boolean }, reference: string[][]): boolean {
  const best = reference[0];
  const top = answer.ranking[0];
  return !answer.bothBad && best?.length === 1 && top?.length === 1 && top[0] === best[0];
}

export type GoldWindow = { answers: number; correct: number; minAnswers: number; threshold: number };

/** Why the worker is paused, or null: accuracy in the window below the threshold after enough answers. */
export function pauseReason({ answers, correct, minAnswers, threshold }: GoldWindow): string | null {
  if (answers < Math.max(1, minAnswers) || correct / answers >= threshold) return null;
  const interval = wilsonInterval(correct, answers);
  const range = interval ? `, 95% interval ${percent(interval.lower)} to ${percent(interval.upper)}` : "";
  return `Gold accuracy ${correct} of ${answers} (${percent(correct / answers)}${range}) is below the project's ${percent(threshold)} after ${answers} gold answers`;
}

export type PracticeTally = { answered: number; correct: number; total: number; passMark: number };

/** The whole practice set answered decides: at or above the pass mark qualifies, below fails. */
export function qualificationOutcome({ answered, correct, total, passMark }: PracticeTally): QualificationOutcome {
  if (answered < total || answered === 0) return "PRACTISING";
  // Compared in whole answers, so 7 of 10 meets a pass mark of 0.7 whatever the float rounding.
  return correct >= Math.ceil(passMark * answered - 1e-9) ? "QUALIFIED" : "FAILED";
}
