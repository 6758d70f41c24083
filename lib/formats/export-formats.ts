// Encoders for the dataset formats trainers read. Each takes one preference pair in its context and
// returns one JSONL line.
import { encodeHhPromptCompletion, encodeHhTranscript } from "@/lib/formats/hh-rlhf";
import type { ChatMessage } from "@/lib/formats/item";
import { toJsonLine } from "@/lib/formats/json-line";

export const EXPORT_FORMATS = ["hh-rlhf", "trl"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  "hh-rlhf": "HH-RLHF transcripts (chosen / rejected)",
  trl: "TRL preference (prompt / chosen / rejected strings)",
};

export type PairRecord = { context: ChatMessage[]; chosen: string; rejected: string };

const encoders: Record<ExportFormat, (record: PairRecord) => string> = {
  "hh-rlhf": ({ context, chosen, rejected }) =>
    toJsonLine({ chosen: encodeHhTranscript(context, chosen), rejected: encodeHhTranscript(context, rejected) }),
  // TRL's standard (string) format: prompt + chosen is the whole transcript.
  trl: ({ context, chosen, rejected }) => {
    const preferred = encodeHhPromptCompletion(context, chosen);
    return toJsonLine({
      prompt: preferred.prompt,
      chosen: preferred.completion,
      rejected: encodeHhPromptCompletion(context, rejected).completion,
    });
  },
};

export function encodePairRecord(format: ExportFormat, record: PairRecord): string {
  return encoders[format](record);
}

export function isExportFormat(value: string): value is ExportFormat {
  return (EXPORT_FORMATS as readonly string[]).includes(value);
}
