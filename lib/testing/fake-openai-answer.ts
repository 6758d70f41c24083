// The fake model's answers: deterministic in the last user message and `seed`, so a test can predict
// them and two seeds give two different responses to compare.

export type FinishReason = "stop" | "length";

const SENTENCES = [
  "Here is a short answer that should help.",
  "The main point is to start small and check each step.",
  "It depends on the details, but this is the usual approach.",
  "A worked example makes the idea easier to follow.",
  "Keep in mind the trade-off between speed and accuracy.",
  "Most people find the second option simpler in practice.",
  "If anything is unclear, ask and I will explain further.",
  "There are a few caveats worth mentioning here.",
  "In short, yes, with one important exception.",
  "The documentation covers this case in more depth.",
  "Try it on a small input first and compare the results.",
  "That is the whole idea; the rest is bookkeeping.",
];
const QUOTE_CHARS = 60;
const CHARS_PER_TOKEN = 4;

/** The text of the last user message, whether `content` is a string or an array of text parts. */
export function lastUserText(messages: unknown[]): string {
  for (let i = messages.length - 1; i >= 0; i--) {
    const message = messages[i] as { role?: unknown; content?: unknown } | null;
    if (message?.role === "user") return contentText(message.content);
  }
  return "";
}

export function contentText(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content.map((part) => (typeof part?.text === "string" ? part.text : "")).join("");
}

// FNV-1a then mulberry32: a few lines, stable across Node versions, unlike anything built in.
function seededRandom(key: string): () => number {
  let state = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) state = Math.imul(state ^ key.charCodeAt(i), 0x01000193);
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** "Reply to: <message>." then seeded sentences, ending at the sentence end nearest `length` characters. */
export function composeAnswer({ prompt, seed, length }: { prompt: string; seed: number | null; length: number }): string {
  const flat = prompt.replace(/\s+/g, " ").trim();
  const quote = Array.from(flat).length > QUOTE_CHARS ? `${Array.from(flat).slice(0, QUOTE_CHARS).join("")}...` : flat;
  const random = seededRandom(`${seed ?? ""}\u0000${flat}`);
  let text = `Reply to: ${quote}.`;
  for (;;) {
    const sentence = SENTENCES[Math.floor(random() * SENTENCES.length)];
    const shortBy = length - text.length;
    if (shortBy <= 0 || text.length + 1 + sentence.length - length > shortBy) return text;
    text += ` ${sentence}`;
  }
}

/** Applies `stop` sequences, then `max_tokens` (a token counted as 4 characters), as the real API does. */
export function limitAnswer({ text, maxTokens, stop }: { text: string; maxTokens: number | null; stop: string[] }): {
  text: string;
  finishReason: FinishReason;
} {
  const stopAt = Math.min(...stop.filter((s) => s !== "").map((s) => (text.includes(s) ? text.indexOf(s) : Infinity)));
  const stopped = Number.isFinite(stopAt) ? text.slice(0, stopAt) : text;
  const chars = Array.from(stopped);
  if (maxTokens !== null && chars.length > maxTokens * CHARS_PER_TOKEN) {
    return { text: chars.slice(0, maxTokens * CHARS_PER_TOKEN).join(""), finishReason: "length" };
  }
  return { text: stopped, finishReason: "stop" };
}

export function countTokens(text: string): number {
  return Math.ceil(Array.from(text).length / CHARS_PER_TOKEN);
}

/** Roughly as OpenAI counts a prompt: the text plus a few tokens of framing per message. */
export function countPromptTokens(messages: unknown[]): number {
  return messages.reduce<number>((sum, message) => sum + 3 + countTokens(contentText((message as { content?: unknown } | null)?.content)), 3);
}

/** Splits by code point so no delta ends in half a surrogate pair. */
export function splitIntoChunks(text: string, size: number): string[] {
  const chars = Array.from(text);
  const chunks: string[] = [];
  for (let i = 0; i < chars.length; i += size) chunks.push(chars.slice(i, i + size).join(""));
  return chunks;
}
