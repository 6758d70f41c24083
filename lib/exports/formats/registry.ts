import type { ExportFormat } from "@/lib/exports/export-options";
import { conversationsFormat } from "@/lib/exports/formats/conversations-format";
import type { ExportFormatDefinition } from "@/lib/exports/formats/format";
import { judgmentsFormat } from "@/lib/exports/formats/judgments-format";
import { ktoFormat } from "@/lib/exports/formats/kto-format";
import { hhRlhfFormat, openAiDpoFormat, trlConversationalFormat, trlFormat, trlImplicitFormat } from "@/lib/exports/formats/pairwise-formats";
import { rankingFormat, rankingPairsFormat } from "@/lib/exports/formats/ranking-formats";

export const EXPORT_FORMAT_DEFINITIONS: Record<ExportFormat, ExportFormatDefinition> = {
  "hh-rlhf": hhRlhfFormat,
  trl: trlFormat,
  "trl-conversational": trlConversationalFormat,
  "trl-implicit": trlImplicitFormat,
  "openai-dpo": openAiDpoFormat,
  kto: ktoFormat,
  ranking: rankingFormat,
  "ranking-pairs": rankingPairsFormat,
  judgments: judgmentsFormat,
  conversations: conversationsFormat,
};
