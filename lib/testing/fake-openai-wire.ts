// The JSON the fake server sends, shaped field for field as api.openai.com sends it (including the
// fields a client must ignore or strip: id, model, system_fingerprint, service_tier, obfuscation).
import { randomBytes } from "node:crypto";
import { FAKE_BEHAVIOURS } from "@/lib/testing/fake-openai-model-id";
import type { FinishReason } from "@/lib/testing/fake-openai-answer";

export type Usage = { prompt_tokens: number; completion_tokens: number; total_tokens: number };

/** What every chunk and completion of one response repeats. */
export type CompletionIdentity = { id: string; created: number; model: string; fingerprint: string };

export type OpenAiErrorBody = { error: { message: string; type: string; param: string | null; code: string | null } };

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

export function randomAlphanumeric(length: number): string {
  return Array.from(randomBytes(length), (byte) => ALPHANUMERIC[byte % ALPHANUMERIC.length]).join("");
}

export function newIdentity({ model, fingerprint }: { model: string; fingerprint: string }): CompletionIdentity {
  return { id: `chatcmpl-${randomAlphanumeric(29)}`, created: Math.floor(Date.now() / 1000), model, fingerprint };
}

export function usageOf({ promptTokens, completionTokens }: { promptTokens: number; completionTokens: number }): Usage {
  return { prompt_tokens: promptTokens, completion_tokens: completionTokens, total_tokens: promptTokens + completionTokens };
}

function header(identity: CompletionIdentity, object: string) {
  return { id: identity.id, object, created: identity.created, model: identity.model, service_tier: "default", system_fingerprint: identity.fingerprint };
}

export type ChunkOptions = {
  delta: { role?: "assistant"; content?: string };
  finishReason: FinishReason | null;
  /** With `stream_options.include_usage` every chunk but the last carries `usage: null`. */
  includeUsage: boolean;
  obfuscate: boolean;
};

export function choiceChunk(identity: CompletionIdentity, { delta, finishReason, includeUsage, obfuscate }: ChunkOptions) {
  const choices = [{ index: 0, delta, logprobs: null, finish_reason: finishReason }];
  return {
    ...header(identity, "chat.completion.chunk"),
    choices,
    ...(includeUsage ? { usage: null } : {}),
    // Random padding so chunk sizes do not reveal token lengths; on by default since 2025.
    ...(obfuscate ? { obfuscation: randomAlphanumeric(1 + (randomBytes(1)[0] % 12)) } : {}),
  };
}

export function usageChunk(identity: CompletionIdentity, usage: Usage) {
  return { ...header(identity, "chat.completion.chunk"), choices: [], usage };
}

export function completion(identity: CompletionIdentity, { text, finishReason, usage }: { text: string; finishReason: FinishReason; usage: Usage }) {
  const message = { role: "assistant", content: text, refusal: null, annotations: [] };
  return { ...header(identity, "chat.completion"), choices: [{ index: 0, message, logprobs: null, finish_reason: finishReason }], usage };
}

export function errorBody(
  message: string,
  { type = "invalid_request_error", param = null, code = null }: Partial<OpenAiErrorBody["error"]> = {},
): OpenAiErrorBody {
  return { error: { message, type, param, code } };
}

export function modelList({ created }: { created: number }) {
  return { object: "list", data: FAKE_BEHAVIOURS.map((id) => modelObject({ id, created })) };
}

export function modelObject({ id, created }: { id: string; created: number }) {
  return { id, object: "model", created, owned_by: "fake-openai" };
}
