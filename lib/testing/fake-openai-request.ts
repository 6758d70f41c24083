// Reads a Chat Completions request body the way the real API does: the same 400s for the same
// mistakes, then a plan of what to answer.
import { composeAnswer, countPromptTokens, countTokens, lastUserText, limitAnswer, type FinishReason } from "@/lib/testing/fake-openai-answer";
import type { FakeBehaviour, FakeParams } from "@/lib/testing/fake-openai-model-id";
import { errorBody, newIdentity, usageOf, type CompletionIdentity, type OpenAiErrorBody, type Usage } from "@/lib/testing/fake-openai-wire";

export type ChatRequestBody = {
  model: string;
  messages: unknown[];
  stream?: unknown;
  stream_options?: { include_usage?: unknown; include_obfuscation?: unknown } | null;
  temperature?: unknown;
  top_p?: unknown;
  max_tokens?: unknown;
  max_completion_tokens?: unknown;
  stop?: unknown;
  seed?: unknown;
};

export type CompletionPlan = {
  identity: CompletionIdentity;
  behaviour: FakeBehaviour;
  params: FakeParams;
  text: string;
  finishReason: FinishReason;
  usage: Usage;
  includeUsage: boolean;
  obfuscate: boolean;
};

const UNPARSABLE_BODY =
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)";

/** The real API's error for the first thing wrong with the body, or null when it can be answered. */
export function findRequestError(body: unknown): OpenAiErrorBody | null {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return errorBody(UNPARSABLE_BODY);
  const { model, messages, stream, stream_options } = body as Record<string, unknown>;
  if (typeof model !== "string" || model === "") return errorBody("you must provide a model parameter");
  if (messages === undefined) return errorBody("Missing required parameter: 'messages'.", { param: "messages", code: "missing_required_parameter" });
  if (!Array.isArray(messages)) {
    const got = messages === null ? "null" : typeof messages === "object" ? "an object" : `a ${typeof messages}`;
    return errorBody(`Invalid type for 'messages': expected an array of objects, but got ${got} instead.`, { param: "messages", code: "invalid_type" });
  }
  if (messages.length === 0) {
    const message = "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.";
    return errorBody(message, { param: "messages", code: "empty_array" });
  }
  if (stream_options != null && stream !== true) {
    return errorBody("The 'stream_options' parameter is only allowed when 'stream' is enabled.", { param: "stream_options" });
  }
  return null;
}

function positiveInteger(value: unknown): number | null {
  return typeof value === "number" && Number.isInteger(value) && value > 0 ? value : null;
}

function stopSequences(stop: unknown): string[] {
  if (typeof stop === "string") return [stop];
  return Array.isArray(stop) ? stop.filter((s): s is string => typeof s === "string") : [];
}

export function planCompletion(
  body: ChatRequestBody,
  { behaviour, params, fingerprint }: { behaviour: FakeBehaviour; params: FakeParams; fingerprint: string },
) {
  const seed = typeof body.seed === "number" ? body.seed : null;
  const answer = behaviour === "empty" ? "" : composeAnswer({ prompt: lastUserText(body.messages), seed, length: params.length });
  // max_completion_tokens replaced max_tokens; the API takes either.
  const maxTokens = positiveInteger(body.max_completion_tokens) ?? positiveInteger(body.max_tokens);
  const { text, finishReason } = limitAnswer({ text: answer, maxTokens, stop: stopSequences(body.stop) });
  const plan: CompletionPlan = {
    identity: newIdentity({ model: body.model, fingerprint }),
    behaviour,
    params,
    text,
    finishReason,
    usage: usageOf({ promptTokens: countPromptTokens(body.messages), completionTokens: countTokens(text) }),
    includeUsage: body.stream_options?.include_usage === true,
    obfuscate: body.stream_options?.include_obfuscation !== false,
  };
  return plan;
}
