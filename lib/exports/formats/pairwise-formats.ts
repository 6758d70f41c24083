// Pairwise preference datasets: HH-RLHF transcripts, TRL (standard, conversational, implicit
// prompt) and OpenAI preference fine-tuning.
import type { ExportOptions } from "@/lib/exports/export-options";
import type { Column, ExportFormatDefinition, Row } from "@/lib/exports/formats/format";
import { datasetPair } from "@/lib/exports/formats/pairs";
import { encodeHhPromptCompletion, encodeHhTranscript } from "@/lib/formats/hh-rlhf";
import type { Preference } from "@/lib/exports/preferences";

const MARGIN: Column = { name: "margin", type: "float", nullable: true };

const assistant = (content: string) => [{ role: "assistant", content }];

/**
 * A pairwise format. Those that `takeMargin` add a margin column (and value) under the margin
 * strength policy; HH-RLHF and OpenAI's format have fixed schemas, so they never do.
 */
function pairwise({
  columns,
  takeMargin,
  build,
}: {
  columns: Column[];
  takeMargin: boolean;
  build: (preference: Preference, chosen: string, rejected: string) => unknown[];
}): ExportFormatDefinition {
  const withMargin = (options: ExportOptions) => takeMargin && options.strengthPolicy === "margin";
  return {
    reads: "preferences",
    columns: (options) => (withMargin(options) ? [...columns, MARGIN] : columns),
    rowsOfPreference: (preference, { leftOut, options }): Row[] => {
      const pair = datasetPair(preference, leftOut);
      if (!pair) return [];
      const row = build(preference, pair.chosen.text, pair.rejected.text);
      return [withMargin(options) ? [...row, preference.margin] : row];
    },
  };
}

export const hhRlhfFormat = pairwise({
  columns: [
    { name: "chosen", type: "string" },
    { name: "rejected", type: "string" },
  ],
  takeMargin: false,
  build: ({ item }, chosen, rejected) => [encodeHhTranscript(item.context, chosen), encodeHhTranscript(item.context, rejected)],
});

// TRL's standard format: prompt + chosen is the whole transcript.
export const trlFormat = pairwise({
  columns: [
    { name: "prompt", type: "string" },
    { name: "chosen", type: "string" },
    { name: "rejected", type: "string" },
  ],
  takeMargin: true,
  build: ({ item }, chosen, rejected) => {
    const preferred = encodeHhPromptCompletion(item.context, chosen);
    return [preferred.prompt, preferred.completion, encodeHhPromptCompletion(item.context, rejected).completion];
  },
});

export const trlConversationalFormat = pairwise({
  columns: [
    { name: "prompt", type: "json" },
    { name: "chosen", type: "json" },
    { name: "rejected", type: "json" },
  ],
  takeMargin: true,
  build: ({ item }, chosen, rejected) => [item.context, assistant(chosen), assistant(rejected)],
});

export const trlImplicitFormat = pairwise({
  columns: [
    { name: "chosen", type: "json" },
    { name: "rejected", type: "json" },
  ],
  takeMargin: true,
  build: ({ item }, chosen, rejected) => [
    [...item.context, ...assistant(chosen)],
    [...item.context, ...assistant(rejected)],
  ],
});

export const openAiDpoFormat = pairwise({
  columns: [
    { name: "input", type: "json" },
    { name: "preferred_output", type: "json" },
    { name: "non_preferred_output", type: "json" },
  ],
  takeMargin: false,
  build: ({ item }, chosen, rejected) => [{ messages: item.context }, assistant(chosen), assistant(rejected)],
});
