// One streamed Chat Completions request through the maintained `openai` client (any OpenAI-compatible
// server: vLLM, Ollama, llama.cpp, hosted APIs). Only the text deltas leave this module: upstream
// fields (model, id, system_fingerprint) are dropped here. Failures become a SampleFailure whose kind
// picks what a worker is told; its detail is exact, for admins.
import OpenAI, { APIConnectionError, APIConnectionTimeoutError, APIError, APIUserAbortError } from "openai";
import { SampleFailure } from "@/lib/models/sample-failure";

export type ChatMessage = { role: "system" | "user" | "assistant"; content: string };

export type SamplingSettings = {
  temperature?: number | null;
  topP?: number | null;
  maxTokens?: number | null;
  stop?: string[];
  seed?: number | null;
};

export type ChatStreamRequest = {
  baseURL: string;
  apiKey: string;
  modelId: string;
  messages: ChatMessage[];
  settings: SamplingSettings;
  /** No first token, or no next token, for this long: given up as a timeout. */
  idleTimeoutMs: number;
  signal?: AbortSignal;
  /** Retries of a refused request before any text (429 with Retry-After, 5xx, connection errors). */
  maxRetries?: number;
};

export type ChatStreamResult = { finishReason: string; promptTokens: number | null; completionTokens: number | null; firstTokenMs: number | null };

/** Streams one completion, calling onDelta with each piece of text in order. */
export async function streamChat(request: ChatStreamRequest, onDelta: (text: string) => Promise<void> | void): Promise<ChatStreamResult> {
  const started = performance.now();
  const idle = new IdleTimer(request.idleTimeoutMs, request.signal);
  try {
    const client = new OpenAI({ baseURL: request.baseURL, apiKey: request.apiKey, maxRetries: request.maxRetries ?? 2, timeout: request.idleTimeoutMs });
    const { data: stream, response } = await client.chat.completions.create(requestBody(request), { signal: idle.signal }).withResponse();
    const type = response.headers.get("content-type") ?? "";
    if (!type.includes("text/event-stream")) throw new SampleFailure("invalid", `the server answered ${type || "without a content type"}, not an event stream`);
    idle.touch();
    const result: ChatStreamResult = { finishReason: "", promptTokens: null, completionTokens: null, firstTokenMs: null };
    for await (const chunk of stream) {
      idle.touch();
      if (chunk.usage) [result.promptTokens, result.completionTokens] = [chunk.usage.prompt_tokens, chunk.usage.completion_tokens];
      const choice = chunk.choices?.[0];
      const text = choice?.delta?.content;
      if (text) {
        result.firstTokenMs ??= Math.round(performance.now() - started);
        await onDelta(text);
      }
      if (choice?.finish_reason) result.finishReason = choice.finish_reason;
    }
    if (!result.finishReason) throw new SampleFailure("cut-off", "the stream ended without a finish reason (cut off before [DONE])");
    return result;
  } catch (error) {
    throw idle.timedOut ? new SampleFailure("timeout", `no token for ${request.idleTimeoutMs / 1000} s`) : toSampleFailure(error, request.signal);
  } finally {
    idle.stop();
  }
}

function requestBody({ modelId, messages, settings }: ChatStreamRequest): OpenAI.Chat.ChatCompletionCreateParamsStreaming {
  return {
    model: modelId,
    messages,
    stream: true,
    stream_options: { include_usage: true },
    ...(settings.temperature != null && { temperature: settings.temperature }),
    ...(settings.topP != null && { top_p: settings.topP }),
    ...(settings.maxTokens != null && { max_tokens: settings.maxTokens }),
    ...(settings.stop && settings.stop.length > 0 && { stop: settings.stop }),
    ...(settings.seed != null && { seed: settings.seed }),
  };
}

function toSampleFailure(error: unknown, signal?: AbortSignal): SampleFailure {
  if (error instanceof SampleFailure) return error;
  if (signal?.aborted || error instanceof APIUserAbortError)
    return new SampleFailure("cancelled", "stopped: the conversation ended or the sample was replaced");
  if (error instanceof APIConnectionTimeoutError) return new SampleFailure("timeout", error.message);
  if (error instanceof APIConnectionError) return new SampleFailure("unreachable", `${error.message}${error.cause ? ` (${String(error.cause)})` : ""}`);
  if (error instanceof APIError) {
    const detail = `HTTP ${error.status}: ${error.message}`;
    if (error.status === 429) return new SampleFailure("rate-limited", detail);
    return new SampleFailure(error.status !== undefined && error.status >= 500 ? "server-error" : "refused", detail);
  }
  if (error instanceof SyntaxError) return new SampleFailure("invalid", `a chunk was not valid JSON: ${error.message}`);
  return new SampleFailure("invalid", error instanceof Error ? error.message : String(error));
}

/** Aborts the request when nothing arrives for the idle time, or when the caller's signal fires. */
class IdleTimer {
  private readonly controller = new AbortController();
  private timer: NodeJS.Timeout | null = null;
  timedOut = false;

  constructor(
    private readonly idleMs: number,
    outer?: AbortSignal,
  ) {
    if (outer?.aborted) this.controller.abort();
    outer?.addEventListener("abort", () => this.controller.abort(), { once: true });
    this.touch();
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  touch() {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timedOut = true;
      this.controller.abort();
    }, this.idleMs);
  }

  stop() {
    if (this.timer) clearTimeout(this.timer);
  }
}
