// The part of an OpenAI Chat Completions request that a text-only model needs. Fields it does not read
// (top_p, stop, tools ...) are dropped rather than refused, as OpenAI-compatible servers do; clients send
// null for fields they leave out, so every optional field is nullish.
import { z } from "zod";

// The request body is at most 1 MiB (DEMO_REQUEST_MAX_BYTES); a text cannot be longer than that.
const MAX_TEXT = 1024 * 1024;
const MAX_CONTENT_PARTS = 1000;

const contentPart = z.object({ type: z.string().max(100), text: z.string().max(MAX_TEXT).optional() });

const chatMessage = z.object({
  role: z.enum(["system", "developer", "user", "assistant", "tool", "function"], { error: "role must be system, developer, user, assistant or tool" }),
  content: z
    .union([z.string().max(MAX_TEXT), z.array(contentPart).max(MAX_CONTENT_PARTS), z.null()], { error: "content must be a string or a list of content parts" })
    .optional(),
});

export const MAX_CHAT_MESSAGES = 1000;

export const chatCompletionRequestSchema = z.object({
  model: z.string({ error: "model is required" }).min(1, "model is required").max(200),
  messages: z.array(chatMessage, { error: "messages must be a list" }).min(1, "messages must not be empty").max(MAX_CHAT_MESSAGES),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_usage: z.boolean().nullish() }).nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  seed: z.number().int().nullish(),
  max_tokens: z.number().int().min(1).nullish(),
  max_completion_tokens: z.number().int().min(1).nullish(),
  n: z.literal(1, { error: "n must be 1: ask once per sample" }).nullish(),
});

export type ChatCompletionRequest = z.infer<typeof chatCompletionRequestSchema>;
export type ChatCompletionMessage = z.infer<typeof chatMessage>;

/** A message's text: a string as is, the text parts of a list joined, nothing for null. */
export function chatMessageText(content: ChatCompletionMessage["content"]): string {
  if (typeof content === "string") return content;
  return (content ?? []).map((part) => (part.type === "text" ? (part.text ?? "") : "")).join("");
}
