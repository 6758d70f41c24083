// The HH-RLHF transcript convention: "\n\nHuman: ...\n\nAssistant: ..." with the two records of a
// pair sharing everything but the last assistant turn.
import type { ChatMessage, ChatRole } from "@/lib/formats/item";

export const ASSISTANT_MARKER = "\n\nAssistant:";
const HUMAN_MARKER = "\n\nHuman:";
const TURN_PATTERN = /\n\n(Human|Assistant):/g;

export class TranscriptError extends Error {}

export type HhPair = { context: ChatMessage[]; chosen: string; rejected: string };

function commonPrefixLength(a: string, b: string): number {
  const limit = Math.min(a.length, b.length);
  let i = 0;
  while (i < limit && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

// Every turn's marker is followed by one space, even when the turn is empty ("\n\nAssistant: " is
// how HH writes an empty response): that space is layout, not content.
function turnContent(raw: string): string {
  return raw.startsWith(" ") ? raw.slice(1) : raw;
}

function turnText(content: string): string {
  return ` ${content}`;
}

/**
 * Splits a chosen/rejected pair into the shared conversation and the two final responses. The cut
 * is the end of the longest common prefix that ends at an "\n\nAssistant:" boundary, not the last
 * occurrence of that string: responses sometimes contain it.
 */
export function splitHhPair(chosen: string, rejected: string): HhPair {
  const shared = commonPrefixLength(chosen, rejected);
  const boundary = chosen.lastIndexOf(ASSISTANT_MARKER, shared - ASSISTANT_MARKER.length);
  if (shared < ASSISTANT_MARKER.length || boundary < 0) {
    throw new TranscriptError('chosen and rejected share no conversation ending in "\\n\\nAssistant:"');
  }
  const cut = boundary + ASSISTANT_MARKER.length;
  return {
    context: parseHhConversation(chosen.slice(0, boundary)),
    chosen: turnContent(chosen.slice(cut)),
    rejected: turnContent(rejected.slice(cut)),
  };
}

/** "\n\nHuman: hi\n\nAssistant: hello" -> messages. Text before the first turn is a system prompt. */
export function parseHhConversation(transcript: string): ChatMessage[] {
  const messages: ChatMessage[] = [];
  const turns = [...transcript.matchAll(TURN_PATTERN)];
  if (turns.length === 0 || !transcript.includes(HUMAN_MARKER)) {
    throw new TranscriptError('the conversation has no "\\n\\nHuman:" turn');
  }
  const preamble = transcript.slice(0, turns[0].index);
  if (preamble !== "") messages.push({ role: "system", content: preamble });
  turns.forEach((turn, i) => {
    const start = turn.index + turn[0].length;
    const end = i + 1 < turns.length ? turns[i + 1].index : transcript.length;
    const role: ChatRole = turn[1] === "Human" ? "user" : "assistant";
    messages.push({ role, content: turnContent(transcript.slice(start, end)) });
  });
  return messages;
}

/** The inverse of parseHhConversation. */
export function encodeHhConversation(messages: ChatMessage[]): string {
  return messages
    .map(({ role, content }) => {
      if (role === "system") return content;
      return `${role === "user" ? HUMAN_MARKER : ASSISTANT_MARKER}${turnText(content)}`;
    })
    .join("");
}

/** The conversation followed by a final assistant turn. */
export function encodeHhTranscript(context: ChatMessage[], response: string): string {
  return `${encodeHhConversation(context)}${ASSISTANT_MARKER}${turnText(response)}`;
}

/** The prompt and completion split TRL's standard format uses: prompt + completion = transcript. */
export function encodeHhPromptCompletion(context: ChatMessage[], response: string) {
  return { prompt: `${encodeHhConversation(context)}${ASSISTANT_MARKER}`, completion: turnText(response) };
}
