// What makes a worker's judgments suspect, from their per-worker tallies: reading too fast, favouring the
// response shown first, giving the same strength again and again, copying rationales, missing the
// reference's preference, and disagreeing with the others on the same items.
import { binomialTestHalf, wilsonInterval } from "@/lib/quality/proportions";
import type { WorkerStatus } from "@/lib/quality/worker-status";

export type WorkerTallies = {
  workerId: string;
  /** The worker's email for those who manage people, else "worker" and the first characters of their id. */
  worker: string;
  blocked: boolean;
  judgments: number;
  medianSeconds: number;
  tooFast: number;
  decidedPairs: number;
  choseShownFirst: number;
  rationales: number;
  copiedRationales: number;
  referenceTrials: number;
  referenceCorrect: number;
  /** Answers on GOLD and ATTENTION items, all time, and those that picked the reference's best. */
  goldTrials: number;
  goldCorrect: number;
  consensusItems: number;
  consensusAgreeing: number;
  /** How often each strength was given, as shown to the worker (-4..4). */
  strengths: Map<number, number>;
  firstAt: string;
  lastAt: string;
};

export type WorkerSignal = "too fast" | "position bias" | "same strength" | "copied rationales" | "misses the reference" | "disagrees with others";

export type WorkerSignals = Omit<WorkerTallies, "strengths"> & {
  tooFastShare: number;
  /** Share of decided pairs that went to the response shown first, with the exact test against one half. */
  shownFirstShare: number | null;
  shownFirstPValue: number | null;
  /** The strength given most often and its share of the strengths given. */
  commonStrength: number | null;
  commonStrengthShare: number | null;
  copiedRationaleShare: number | null;
  referenceAccuracy: { value: number; lower: number; upper: number } | null;
  /** Gold and attention accuracy with its 95% Wilson interval. */
  goldAccuracy: { value: number; lower: number; upper: number } | null;
  consensusAgreement: number | null;
  signals: WorkerSignal[];
  /** Paused, practising, failed or qualified in the project (worker_standings); null where that says nothing. */
  status: WorkerStatus | null;
};

// A signal needs this much evidence before it is raised: a handful of judgments says nothing.
export const SIGNAL_RULES = {
  tooFast: { minJudgments: 10, share: 0.2 },
  positionBias: { minPairs: 20, pValue: 0.01 },
  sameStrength: { minJudgments: 20, share: 0.9 },
  copiedRationales: { minRationales: 5, share: 0.5 },
  reference: { minTrials: 10, upperBelow: 0.5 },
  consensus: { minItems: 20, below: 0.4 },
} as const;

function mostCommon(strengths: Map<number, number>): { value: number; share: number } | null {
  let total = 0;
  let best: [number, number] | null = null;
  for (const [value, count] of strengths) {
    total += count;
    if (!best || count > best[1] || (count === best[1] && value < best[0])) best = [value, count];
  }
  return best && total > 0 ? { value: best[0], share: best[1] / total } : null;
}

function share(part: number, whole: number): number | null {
  return whole > 0 ? part / whole : null;
}

export function workerSignals(tallies: WorkerTallies): WorkerSignals {
  const { strengths, ...rest } = tallies;
  const common = mostCommon(strengths);
  const interval = wilsonInterval(tallies.referenceCorrect, tallies.referenceTrials);
  const gold = wilsonInterval(tallies.goldCorrect, tallies.goldTrials);
  const figures = {
    tooFastShare: tallies.judgments > 0 ? tallies.tooFast / tallies.judgments : 0,
    shownFirstShare: share(tallies.choseShownFirst, tallies.decidedPairs),
    shownFirstPValue: tallies.decidedPairs > 0 ? binomialTestHalf(tallies.choseShownFirst, tallies.decidedPairs) : null,
    commonStrength: common?.value ?? null,
    commonStrengthShare: common?.share ?? null,
    copiedRationaleShare: share(tallies.copiedRationales, tallies.rationales),
    referenceAccuracy: interval ? { value: tallies.referenceCorrect / tallies.referenceTrials, ...interval } : null,
    goldAccuracy: gold ? { value: tallies.goldCorrect / tallies.goldTrials, ...gold } : null,
    consensusAgreement: share(tallies.consensusAgreeing, tallies.consensusItems),
  };
  return { ...rest, ...figures, signals: raisedSignals(tallies, figures), status: null };
}

function raisedSignals(tallies: WorkerTallies, figures: Omit<WorkerSignals, keyof WorkerTallies | "signals" | "status">): WorkerSignal[] {
  const rules = SIGNAL_RULES;
  const raised: [boolean, WorkerSignal][] = [
    [tallies.judgments >= rules.tooFast.minJudgments && figures.tooFastShare > rules.tooFast.share, "too fast"],
    [tallies.decidedPairs >= rules.positionBias.minPairs && (figures.shownFirstPValue ?? 1) < rules.positionBias.pValue, "position bias"],
    [tallies.judgments >= rules.sameStrength.minJudgments && (figures.commonStrengthShare ?? 0) >= rules.sameStrength.share, "same strength"],
    [tallies.rationales >= rules.copiedRationales.minRationales && (figures.copiedRationaleShare ?? 0) >= rules.copiedRationales.share, "copied rationales"],
    [tallies.referenceTrials >= rules.reference.minTrials && (figures.referenceAccuracy?.upper ?? 1) < rules.reference.upperBelow, "misses the reference"],
    [tallies.consensusItems >= rules.consensus.minItems && (figures.consensusAgreement ?? 1) < rules.consensus.below, "disagrees with others"],
  ];
  return raised.filter(([on]) => on).map(([, signal]) => signal);
}
