// Pairwise preference datasets: HH-RLHF transcripts, TRL (standard, conversational, implicit
// prompt) and OpenAI preference fine-tuning.
import type { ExportOptions } from "@/lib/exports/export-options";
import type { Column, ExportFormatDefinition, Row } from "@/lib/exports/formats/format";
import { datasetPair } from "@/lib/exports/formats/pairs";
import { encodeHhPromptCompletion, encodeHhTranscript } from "@/lib/formats/hh-rlhf";
import type { Preference } from "@/lib/exports/preferences";

const withMargin = (options: ExportOptions, columns: Column[]): Column[] =>
  options.strengthPolicy === "margin" ? [...columns, { name: "margin", type: "float", nullable: true }] : columns;

const margin = (options: ExportOptions, preference: Preference): unknown[] => (options.strengthPolicy === "margin" ? [preference.margin] : []);

const assistant = (content: string) => [{ role: "assistant", content }];

function pairwise(columns: (options: ExportOptions) => Column[], build: (preference: Preference, chosen: string, rejected: string) => unknown[]): ExportFormatDefinition {
  return {
    reads: "preferences",
    columns,
    rowsOfPreference: (preference, { leftOut, options }): Row[] => {
      const pair = datasetPair(preference, leftOut);
      return pair ? [[...build(preference, pair.chosen.text, pair.rejected.text), ...margin(options, preference)]] : [];
    },
  };
}

export const hhRlhfFormat = pairwise(
  () => [
    { name: "chosen", type: "string" },
    { name: "rejected", type: "string" },
  ],
  ({ item }, chosen, rejected) => [encodeHhTranscript(item.context, chosen), encodeHhTranscript(item.context, rejected)],
);

// TRL's standard format: prompt + chosen is the whole transcript.
export const trlFormat = pairwise(
  (options) =>
    withMargin(options, [
      { name: "prompt", type: "string" },
      { name: "chosen", type: "string" },
      { name: "rejected", type: "string" },
    ]),
  ({ item }, chosen, rejected) => {
    const preferred = encodeHhPromptCompletion(item.context, chosen);
    return [preferred.prompt, preferred.completion, encodeHhPromptCompletion(item.context, rejected).completion];
  },
);

export const trlConversationalFormat = pairwise(
  (options) =>
    withMargin(options, [
      { name: "prompt", type: "json" },
      { name: "chosen", type: "json" },
      { name: "rejected", type: "json" },
    ]),
  ({ item }, chosen, rejected) => [item.context, assistant(chosen), assistant(rejected)],
);

export const trlImplicitFormat = pairwise(
  (options) =>
    withMargin(options, [
      { name: "chosen", type: "json" },
      { name: "rejected", type: "json" },
    ]),
  ({ item }, chosen, rejected) => [[...item.context, ...assistant(chosen)], [...item.context, ...assistant(rejected)]],
);

export const openAiDpoFormat = pairwise(
  () => [
    { name: "input", type: "json" },
    { name: "preferred_output", type: "json" },
    { name: "non_preferred_output", type: "json" },
  ],
  ({ item }, chosen, rejected) => [{ messages: item.context }, assistant(chosen), assistant(rejected)],
);
