// The JSON that OpenAI's Chat Completions API sends, built here so the demo models look, on the wire, like
// any other model a client talks to: https://platform.openai.com/docs/api-reference/chat
import type { DemoAnswer } from "@/lib/models/demo-responder";

export type OpenAiErrorType = "invalid_request_error" | "server_error";
export type OpenAiErrorFields = { type?: OpenAiErrorType; param?: string | null; code?: string | null };

/** A refusal in OpenAI's shape: {"error": {"message", "type", "param", "code"}}. */
export function openAiErrorResponse(status: number, message: string, { type = "invalid_request_error", param = null, code = null }: OpenAiErrorFields = {}) {
  return Response.json({ error: { message, type, param, code } }, { status, headers: { "cache-control": "no-store" } });
}

/** What every response and chunk of one completion shares. */
export type CompletionMeta = { id: string; created: number; model: string };

function openAiUsage({ usage }: DemoAnswer) {
  return { prompt_tokens: usage.promptTokens, completion_tokens: usage.completionTokens, total_tokens: usage.totalTokens };
}

/** The `chat.completion` object of a request without `stream`. */
export function chatCompletion(meta: CompletionMeta, answer: DemoAnswer) {
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [{ index: 0, message: { role: "assistant", content: answer.text, refusal: null }, logprobs: null, finish_reason: answer.finishReason }],
    usage: openAiUsage(answer),
  };
}

type Delta = { role?: "assistant"; content?: string };

/**
 * The `chat.completion.chunk` objects of a streamed answer, in order: the role, one per token, the finish
 * reason, then the usage when asked for (OpenAI then also sends `usage: null` on every other chunk).
 */
export function completionChunks(meta: CompletionMeta, answer: DemoAnswer, { includeUsage }: { includeUsage: boolean }) {
  const head = { id: meta.id, object: "chat.completion.chunk", created: meta.created, model: meta.model };
  const chunk = (delta: Delta, finishReason: string | null) => ({
    ...head,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }],
    ...(includeUsage ? { usage: null } : {}),
  });
  const chunks: object[] = [chunk({ role: "assistant", content: "" }, null), ...answer.tokens.map((token) => chunk({ content: token }, null))];
  chunks.push(chunk({}, answer.finishReason));
  if (includeUsage) chunks.push({ ...head, choices: [], usage: openAiUsage(answer) });
  return chunks;
}

/** One server-sent event. */
export function sseData(data: object | "[DONE]"): string {
  return `data: ${typeof data === "string" ? data : JSON.stringify(data)}\n\n`;
}
