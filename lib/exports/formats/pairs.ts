// The one (chosen, rejected) pair a pairwise dataset row is made of.
import type { ExportCandidate } from "@/lib/exports/export-item";
import { LEFT_OUT, type LeftOut } from "@/lib/exports/left-out";
import type { Preference } from "@/lib/exports/preferences";

export type DatasetPair = { chosen: ExportCandidate; rejected: ExportCandidate };

export function candidateById(preference: Preference, id: string): ExportCandidate {
  const candidate = preference.item.candidates.find((other) => other.id === id);
  if (!candidate) throw new Error(`candidate ${id} is not in item ${preference.item.itemId}`);
  return candidate;
}

/**
 * The preferred and the least preferred response. A "both bad" answer or a tie gives none; a ranking
 * of more than two gives its best against its worst (every pair is the ranking-pairs format).
 */
export function datasetPair(preference: Preference, leftOut: LeftOut): DatasetPair | null {
  const weight = preference.judgments.length;
  if (preference.bothBad) {
    leftOut.judgment(LEFT_OUT.bothBad, weight);
    return null;
  }
  const groups = preference.ranking;
  const best = groups[0];
  const worst = groups.at(-1);
  if (groups.length < 2 || !best || !worst || best.length > 1 || worst.length > 1) {
    leftOut.judgment(LEFT_OUT.tie, weight);
    return null;
  }
  const count = groups.flat().length;
  leftOut.row(LEFT_OUT.otherPairs, (count * (count - 1)) / 2 - 1);
  return { chosen: candidateById(preference, best[0]), rejected: candidateById(preference, worst[0]) };
}

/** Every (higher, lower) pair of a ranking; tied pairs are counted and left out. */
export function allPairs(preference: Preference, leftOut: LeftOut): DatasetPair[] {
  if (preference.bothBad) {
    leftOut.judgment(LEFT_OUT.bothBad, preference.judgments.length);
    return [];
  }
  const pairs: DatasetPair[] = [];
  preference.ranking.forEach((group, rank) => {
    leftOut.row(LEFT_OUT.tiedPair, (group.length * (group.length - 1)) / 2);
    for (const lower of preference.ranking.slice(rank + 1).flat()) {
      for (const higher of group) pairs.push({ chosen: candidateById(preference, higher), rejected: candidateById(preference, lower) });
    }
  });
  if (pairs.length === 0) leftOut.judgment(LEFT_OUT.tie, preference.judgments.length);
  return pairs;
}
