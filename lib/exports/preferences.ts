// From an item's judgments to the preferences an export writes: annotator filter, strength policy,
// aggregation over the k judgments, agreement, and polarity. Pure, so every rule has a unit test.
import type { ExportOptions } from "@/lib/exports/export-options";
import type { ExportItem, ExportJudgment } from "@/lib/exports/export-item";
import { LEFT_OUT, type LeftOut } from "@/lib/exports/left-out";

export type Preference = {
  item: ExportItem;
  /** Candidate ids best first for the dataset (red-team projects already inverted); [] for both bad. */
  ranking: string[][];
  bothBad: boolean;
  /** From the strength: 0 for the weakest preference up; see marginOf. */
  margin: number | null;
  /** Share of the item's judgments that agree with this preference; null with one judgment. */
  agreement: number | null;
  judgments: ExportJudgment[];
};

/**
 * A reward-model margin from a signed strength, in the manner of Llama 2: 0 for the weakest
 * preference ("about the same / slightly") up to 3 for "much better" on the 8-point scale
 * (2 on the 7-point); a binary answer carries no strength and counts 1; a tie has none.
 */
export function marginOf(strength: number | null, scale: ExportItem["scale"]): number | null {
  if (strength === null || strength === 0) return null;
  return scale === "BINARY" ? 1 : Math.abs(strength) - 1;
}

function isWeakest(judgment: ExportJudgment, scale: ExportItem["scale"]) {
  return scale !== "BINARY" && judgment.strength !== null && Math.abs(judgment.strength) === 1;
}

/** Borda scores: a candidate earns one point for every candidate ranked below it. */
function bordaRanking(candidates: string[], rankings: string[][][]): string[][] {
  const score = new Map(candidates.map((id) => [id, 0]));
  for (const ranking of rankings) {
    let below = ranking.flat().length;
    for (const group of ranking) {
      below -= group.length;
      for (const id of group) score.set(id, (score.get(id) ?? 0) + below);
    }
  }
  const scores = [...new Set(score.values())].sort((a, b) => b - a);
  // Ties keep import order inside their group, so the output never depends on hash order.
  return scores.map((value) => candidates.filter((id) => score.get(id) === value));
}

function topOf(ranking: string[][]): string | null {
  return ranking[0]?.length === 1 ? ranking[0][0] : null;
}

/** The top group of a ranking as one comparable key: a tie at the top is its own answer. */
const topGroupKey = (ranking: string[][]) => [...(ranking[0] ?? [])].sort().join("\u0000");

/** Share of judgments that agree with the consensus: its top group, or "both bad" when that is the consensus. */
function agreementWith(consensus: string[][] | "both bad", judgments: ExportJudgment[]): number | null {
  if (judgments.length < 2) return null;
  const top = consensus === "both bad" ? null : topGroupKey(consensus);
  const agreeing = judgments.filter((judgment) => (top === null ? judgment.bothBad : !judgment.bothBad && topGroupKey(judgment.ranking) === top)).length;
  return agreeing / judgments.length;
}

/** Mean strength toward the first candidate: positive prefers it, 0 is a tie. */
function meanStrengthRanking(item: ExportItem, judgments: ExportJudgment[]): { ranking: string[][]; mean: number } {
  const [first, second] = item.candidates.map((candidate) => candidate.id);
  const oriented = judgments.map((judgment) => {
    const magnitude = Math.abs(judgment.strength ?? 1);
    if (judgment.ranking.length < 2) return 0;
    return topOf(judgment.ranking) === first ? magnitude : -magnitude;
  });
  const mean = oriented.reduce((sum, value) => sum + value, 0) / oriented.length;
  const ranking = mean > 0 ? [[first], [second]] : mean < 0 ? [[second], [first]] : [[first, second]];
  return { ranking, mean };
}

function orient(item: ExportItem, ranking: string[][]): string[][] {
  // Red-team workers pick the more harmful response: the dataset prefers the other one.
  return item.polarity === "RED_TEAM" ? [...ranking].reverse() : ranking;
}

export function preferencesFor(item: ExportItem, options: ExportOptions, leftOut: LeftOut): Preference[] {
  let judgments = item.judgments;
  if (options.excludeBlockedAnnotators) {
    leftOut.judgment(LEFT_OUT.blocked, judgments.filter((judgment) => judgment.workerBlocked).length);
    judgments = judgments.filter((judgment) => !judgment.workerBlocked);
  }
  if (options.strengthPolicy === "drop-weakest") {
    leftOut.judgment(LEFT_OUT.weakest, judgments.filter((judgment) => isWeakest(judgment, item.scale)).length);
    judgments = judgments.filter((judgment) => !isWeakest(judgment, item.scale));
  }
  if (judgments.length === 0) return [];

  const candidates = item.candidates.map((candidate) => candidate.id);
  const voting = judgments.filter((judgment) => !judgment.bothBad);
  const majorityBothBad = judgments.length - voting.length > voting.length;
  // The consensus is only worked out when something needs it: one judgment agrees with itself.
  const consensus =
    majorityBothBad || judgments.length === 1
      ? null
      : bordaRanking(
          candidates,
          voting.map((judgment) => judgment.ranking),
        );
  const agreement = consensus === null && !majorityBothBad ? null : agreementWith(majorityBothBad ? "both bad" : consensus!, judgments);
  if (options.minAgreement !== undefined && agreement !== null && agreement < options.minAgreement) {
    leftOut.judgment(LEFT_OUT.agreement, judgments.length);
    return [];
  }

  if (options.aggregation === "per-judgment") {
    return judgments.map((judgment) => ({
      item,
      ranking: orient(item, judgment.ranking),
      bothBad: judgment.bothBad,
      margin: marginOf(judgment.strength, item.scale),
      agreement,
      judgments: [judgment],
    }));
  }
  if (majorityBothBad) return [{ item, ranking: [], bothBad: true, margin: null, agreement, judgments }];
  if (options.aggregation === "mean-strength" && candidates.length === 2) {
    const { ranking, mean } = meanStrengthRanking(item, voting);
    return [{ item, ranking: orient(item, ranking), bothBad: false, margin: Math.abs(mean), agreement, judgments }];
  }
  const ranking = consensus ?? judgments[0].ranking;
  if (ranking.length < 2 && voting.length > 0) {
    leftOut.judgment(LEFT_OUT.noMajority, judgments.length);
    return [];
  }
  return [{ item, ranking: orient(item, ranking), bothBad: false, margin: null, agreement, judgments }];
}
