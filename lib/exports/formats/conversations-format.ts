// Live conversations, one row each, in the shape of HH's red-team attempts release (a transcript, the
// task description, the rating) with every turn's detail: the samples shown, the worker's answer, and
// what the conversation went on with. Answers are as the worker gave them, in the labels they saw:
// red-team rankings are not flipped here (the preference formats do that).
import type { ExportConversation, ExportSample, ExportTurn } from "@/lib/exports/export-conversation";
import type { ExportFormatDefinition, FormatContext, Row } from "@/lib/exports/formats/format";
import { LEFT_OUT } from "@/lib/exports/left-out";
import { encodeHhConversation } from "@/lib/formats/hh-rlhf";
import type { ChatMessage } from "@/lib/formats/item";
import { responseLabel } from "@/lib/judgment-scales";

export const RATING_SCALES = { helpful: "helpful_1_5", redTeam: "red_team_success_0_4" } as const;

function sampleRecord(sample: ExportSample) {
  const { settings } = sample;
  return {
    label: responseLabel(sample.label),
    model: sample.model,
    text: sample.text,
    settings: {
      model_id: settings.modelId ?? null,
      temperature: settings.temperature ?? null,
      top_p: settings.topP ?? null,
      max_tokens: settings.maxTokens ?? null,
      stop: settings.stop ?? [],
      seed: settings.seed ?? null,
      system_prompt: settings.systemPrompt ?? null,
    },
    first_token_ms: sample.firstTokenMs,
    duration_ms: sample.durationMs,
    prompt_tokens: sample.promptTokens,
    completion_tokens: sample.completionTokens,
    finish_reason: sample.finishReason,
  };
}

function turnRecord(turn: ExportTurn) {
  const labelOf = new Map(turn.samples.map((sample) => [sample.candidateId, responseLabel(sample.label)]));
  const label = (candidateId: string) => labelOf.get(candidateId) ?? candidateId;
  // Flags by label, in label order: the stored object is keyed by candidate id, in no useful order.
  const flags = Object.entries(turn.judgment.flags)
    .map(([candidateId, ids]) => [label(candidateId), ids] as const)
    .sort(([a], [b]) => a.localeCompare(b));
  return {
    index: turn.index,
    item_id: turn.itemId,
    user: turn.context.at(-1)?.content ?? "",
    samples: turn.samples.map(sampleRecord),
    strength: turn.judgment.strength,
    ranking: turn.judgment.ranking.map((group) => group.map(label)),
    picked: label(turn.pickedCandidateId),
    reply: turn.reply,
    edited: turn.edited,
    rationale: turn.judgment.rationale,
    flags: Object.fromEntries(flags),
  };
}

/** The conversation as it went on, in HH's "\n\nHuman: …\n\nAssistant: …" convention. */
export function conversationTranscript(turns: ExportTurn[]): string {
  const messages: ChatMessage[] = turns.flatMap((turn) => [
    { role: "user" as const, content: turn.context.at(-1)?.content ?? "" },
    { role: "assistant" as const, content: turn.reply },
  ]);
  return encodeHhConversation(messages);
}

function rowsOfConversation(conversation: ExportConversation, { options, leftOut, annotator }: FormatContext): Row[] {
  if (options.excludeBlockedAnnotators && conversation.workerBlocked) {
    leftOut.judgment(LEFT_OUT.blocked, conversationJudgments(conversation));
    leftOut.conversation(LEFT_OUT.blocked);
    return [];
  }
  leftOut.turn(LEFT_OUT.notAnswered, conversation.unansweredTurns);
  const models = [...new Set(conversation.turns.flatMap((turn) => turn.samples.flatMap((sample) => (sample.model ? [sample.model] : []))))].sort();
  return [
    [
      conversation.id,
      conversation.project,
      annotator(conversation.workerId),
      conversation.status,
      conversation.createdAt,
      conversation.endedAt,
      conversationTranscript(conversation.turns),
      conversation.taskDescription,
      conversation.rating,
      conversation.redTeam ? RATING_SCALES.redTeam : RATING_SCALES.helpful,
      conversation.comment,
      models,
      conversation.turns.map(turnRecord),
    ],
  ];
}

/** The judgments behind a conversation's row: one a turn, and one an edit. */
export function conversationJudgments(conversation: ExportConversation): number {
  return conversation.turns.reduce((sum, turn) => sum + 1 + turn.editJudgments, 0);
}

export const conversationsFormat: ExportFormatDefinition = {
  reads: "conversations",
  columns: () => [
    { name: "conversation_id", type: "string" },
    { name: "project", type: "string" },
    { name: "worker_id", type: "string" },
    { name: "status", type: "string" },
    { name: "started_at", type: "timestamp" },
    { name: "ended_at", type: "timestamp", nullable: true },
    { name: "transcript", type: "string" },
    { name: "task_description", type: "string", nullable: true },
    { name: "rating", type: "int", nullable: true },
    { name: "rating_scale", type: "string" },
    { name: "comment", type: "string", nullable: true },
    { name: "models", type: "json" },
    { name: "turns", type: "json" },
  ],
  rowsOfConversation,
};
