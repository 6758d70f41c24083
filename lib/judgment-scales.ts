// The answer scales, shared by the task page (client), the server's validation and the exports.
// No zod here: the worker's browser loads this file.

export type PairwiseScaleName = "EIGHT_POINT" | "SEVEN_POINT" | "BINARY";

export type ScaleLevel = { strength: number; label: string; size: 1 | 2 | 3 | 4 };

/** Left to right; negative means A is better, positive B. Largest buttons at the ends. */
export const PAIRWISE_SCALES: Record<PairwiseScaleName, ScaleLevel[]> = {
  EIGHT_POINT: [
    { strength: -4, label: "A is much better", size: 4 },
    { strength: -3, label: "A is better", size: 3 },
    { strength: -2, label: "A is slightly better", size: 2 },
    { strength: -1, label: "About the same, slightly A", size: 1 },
    { strength: 1, label: "About the same, slightly B", size: 1 },
    { strength: 2, label: "B is slightly better", size: 2 },
    { strength: 3, label: "B is better", size: 3 },
    { strength: 4, label: "B is much better", size: 4 },
  ],
  SEVEN_POINT: [
    { strength: -3, label: "A is much better", size: 4 },
    { strength: -2, label: "A is better", size: 3 },
    { strength: -1, label: "A is slightly better", size: 2 },
    { strength: 0, label: "About the same", size: 1 },
    { strength: 1, label: "B is slightly better", size: 2 },
    { strength: 2, label: "B is better", size: 3 },
    { strength: 3, label: "B is much better", size: 4 },
  ],
  BINARY: [
    { strength: -1, label: "A is better", size: 4 },
    { strength: 1, label: "B is better", size: 4 },
  ],
};

export function scaleLevel(scale: PairwiseScaleName, strength: number): ScaleLevel | undefined {
  return PAIRWISE_SCALES[scale].find((level) => level.strength === strength);
}

export const MAX_RESPONSES = 9;

/** A, B, C, ... in the order the worker sees the responses. */
export function responseLabel(index: number): string {
  return String.fromCharCode(65 + index);
}

export function labelIndex(label: string): number {
  return label.charCodeAt(0) - 65;
}

export type FlagOption = { id: string; label: string };

/** "C > A = B > D" */
export function describeRanking(groups: string[][]): string {
  return groups.map((group) => group.join(" = ")).join(" > ");
}
