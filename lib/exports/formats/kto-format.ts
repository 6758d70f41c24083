// KTO's unpaired format: one row per completion with a desirable/undesirable label.
import type { ExportFormatDefinition, Row } from "@/lib/exports/formats/format";
import { candidateById } from "@/lib/exports/formats/pairs";
import { encodeHhPromptCompletion } from "@/lib/formats/hh-rlhf";
import { LEFT_OUT } from "@/lib/exports/left-out";

/**
 * The best-ranked completions are desirable and the worst undesirable; the middle of a longer
 * ranking says neither and is left out. "Both bad" makes every completion undesirable.
 */
export const ktoFormat: ExportFormatDefinition = {
  reads: "preferences",
  columns: () => [
    { name: "prompt", type: "string" },
    { name: "completion", type: "string" },
    { name: "label", type: "bool" },
  ],
  rowsOfPreference: (preference, { leftOut }) => {
    const row = (id: string, label: boolean): Row => {
      const { prompt, completion } = encodeHhPromptCompletion(preference.item.context, candidateById(preference, id).text);
      return [prompt, completion, label];
    };
    if (preference.bothBad) return preference.item.candidates.map((candidate) => row(candidate.id, false));
    const groups = preference.ranking;
    if (groups.length < 2) {
      leftOut.judgment(LEFT_OUT.tie, preference.judgments.length);
      return [];
    }
    leftOut.row(LEFT_OUT.rankingMiddle, groups.slice(1, -1).flat().length);
    return [...groups[0].map((id) => row(id, true)), ...groups[groups.length - 1].map((id) => row(id, false))];
  },
};
