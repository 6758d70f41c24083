// Turns an answer in the worker's labels (A, B, ...) into what is stored, checking it against
// what the project allows. Pure: the submit transaction calls it with the locked assignment.
import { AppError, type ErrorDetail } from "@/lib/errors";
import { labelIndex, PAIRWISE_SCALES, responseLabel, type FlagOption, type PairwiseScaleName } from "@/lib/judgment-scales";
import type { SubmitJudgmentAnswer } from "@/lib/validations/judgment";

export type AnswerRules = {
  judgmentKind: "PAIRWISE" | "RANKING";
  pairwiseScale: PairwiseScaleName;
  allowTies: boolean;
  allowBothBad: boolean;
  flagOptions: FlagOption[];
  rationaleMode: "OFF" | "OPTIONAL" | "REQUIRED";
  rationaleMinLength: number;
};

export type StoredAnswer = {
  ranking: string[][];
  strength: number | null;
  bothBad: boolean;
  flags: Record<string, string[]>;
  rationale: string | null;
};

function refuse(field: string, message: string): never {
  throw new AppError("INVALID_INPUT", `${field}: ${message}`, [{ field, message }]);
}

export function interpretAnswer(answer: SubmitJudgmentAnswer, displayOrder: string[], rules: AnswerRules): StoredAnswer {
  const labels = displayOrder.map((_, index) => responseLabel(index));
  const idOf = (label: string) => displayOrder[labelIndex(label)];
  return {
    ...preference(answer, displayOrder, labels, idOf, rules),
    flags: interpretFlags(answer.flags ?? {}, labels, idOf, rules.flagOptions),
    rationale: interpretRationale(answer.rationale ?? "", rules),
  };
}

function preference(
  answer: SubmitJudgmentAnswer,
  displayOrder: string[],
  labels: string[],
  idOf: (label: string) => string,
  rules: AnswerRules,
): Pick<StoredAnswer, "ranking" | "strength" | "bothBad"> {
  if (answer.bothBad) {
    if (!rules.allowBothBad) refuse("bothBad", 'this project does not take "both bad" answers');
    return { ranking: [], strength: null, bothBad: true };
  }
  if (answer.strength !== undefined) {
    if (rules.judgmentKind !== "PAIRWISE" || displayOrder.length !== 2)
      refuse("strength", `this task ranks ${displayOrder.length} responses: answer with "ranking"`);
    const allowed = PAIRWISE_SCALES[rules.pairwiseScale].map((level) => level.strength);
    if (!allowed.includes(answer.strength)) refuse("strength", `this project's scale takes ${allowed.join(", ")}`);
    const [a, b] = displayOrder;
    const ranking = answer.strength < 0 ? [[a], [b]] : answer.strength > 0 ? [[b], [a]] : [[a, b]];
    return { ranking, strength: answer.strength, bothBad: false };
  }
  const groups = (answer.ranking ?? []).map((entry) => (Array.isArray(entry) ? entry : [entry]));
  if (rules.judgmentKind !== "RANKING") refuse("ranking", 'this project compares pairs: answer with "strength"');
  const given = groups.flat();
  if (given.length !== labels.length || !labels.every((label) => given.includes(label))) {
    refuse("ranking", `rank each of ${labels.join(", ")} exactly once, best first`);
  }
  if (!rules.allowTies && groups.some((group) => group.length > 1)) refuse("ranking", "this project does not allow ties");
  return { ranking: groups.map((group) => group.map(idOf)), strength: null, bothBad: false };
}

function interpretFlags(flags: Record<string, string[]>, labels: string[], idOf: (label: string) => string, options: FlagOption[]) {
  const known = new Set(options.map((option) => option.id));
  const stored: Record<string, string[]> = {};
  const problems: ErrorDetail[] = [];
  for (const [label, ids] of Object.entries(flags)) {
    if (!labels.includes(label)) problems.push({ field: `flags.${label}`, message: "no response has this label" });
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length > 0)
      problems.push({ field: `flags.${label}`, message: `unknown flag ${unknown.join(", ")}; this project has ${[...known].join(", ") || "no flags"}` });
    const chosen = [...new Set(ids)].filter((id) => known.has(id));
    if (chosen.length > 0 && labels.includes(label)) stored[idOf(label)] = chosen;
  }
  if (problems.length > 0) throw new AppError("INVALID_INPUT", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);
  return stored;
}

function interpretRationale(rationale: string, rules: AnswerRules): string | null {
  const text = rationale.trim();
  if (rules.rationaleMode === "OFF") {
    if (text) refuse("rationale", "this project does not take rationales");
    return null;
  }
  if (rules.rationaleMode === "REQUIRED") {
    const minimum = Math.max(1, rules.rationaleMinLength);
    if (text.length < minimum) refuse("rationale", `explain your choice in at least ${minimum} character${minimum === 1 ? "" : "s"}`);
  }
  return text || null;
}
