// Rankings as they are (ties kept), and expanded into every ordered pair (InstructGPT style).
import type { ExportFormatDefinition } from "@/lib/exports/formats/format";
import { allPairs } from "@/lib/exports/formats/pairs";
import { encodeHhPromptCompletion } from "@/lib/formats/hh-rlhf";
import { LEFT_OUT } from "@/lib/exports/left-out";

export const rankingFormat: ExportFormatDefinition = {
  reads: "preferences",
  columns: () => [
    { name: "messages", type: "json" },
    { name: "completions", type: "json" },
    { name: "models", type: "json" },
    { name: "ranks", type: "json" },
    { name: "agreement", type: "float", nullable: true },
  ],
  rowsOfPreference: (preference, { leftOut }) => {
    if (preference.bothBad) {
      leftOut.judgment(LEFT_OUT.bothBad, preference.judgments.length);
      return [];
    }
    // Ranks follow the completions' import order: 1 is best, tied completions share a rank.
    const rankOf = new Map(preference.ranking.flatMap((group, index) => group.map((id) => [id, index + 1] as const)));
    const { item } = preference;
    return [
      [
        item.context,
        item.candidates.map((candidate) => candidate.text),
        item.candidates.map((candidate) => candidate.model),
        item.candidates.map((candidate) => rankOf.get(candidate.id) ?? null),
        preference.agreement,
      ],
    ];
  },
};

export const rankingPairsFormat: ExportFormatDefinition = {
  reads: "preferences",
  columns: () => [
    { name: "prompt", type: "string" },
    { name: "chosen", type: "string" },
    { name: "rejected", type: "string" },
  ],
  rowsOfPreference: (preference, { leftOut }) =>
    allPairs(preference, leftOut).map(({ chosen, rejected }) => {
      const preferred = encodeHhPromptCompletion(preference.item.context, chosen.text);
      return [preferred.prompt, preferred.completion, encodeHhPromptCompletion(preference.item.context, rejected.text).completion];
    }),
};
