import "server-only";
// An admin's check that an endpoint answers: one short streamed request with the endpoint's own address,
// key, settings and timeout, the way samples are made, and its answer or its exact error.
import type { EndpointAccess, SampleSettings } from "@/lib/data/conversation-samples";
import { streamChat, type ChatMessage } from "@/lib/models/chat-stream";
import { resolveApiKey, resolveBaseUrl } from "@/lib/models/endpoint-access";
import { SampleFailure, type FailureKind } from "@/lib/models/sample-failure";

export const TEST_PROMPT = "Reply with one short sentence to say you are working.";
const TEST_MAX_TOKENS = 40;
// A server that ignores max_tokens could stream on and on; this much shows that it works.
const MAX_TEXT = 2_000;

export type EndpointTestResult = { ok: true; text: string; firstTokenMs: number | null; totalMs: number } | { ok: false; kind: FailureKind; error: string };

export type TestedEndpoint = EndpointAccess & Omit<SampleSettings, "endpoint">;

export async function runEndpointTest(endpoint: TestedEndpoint): Promise<EndpointTestResult> {
  const started = performance.now();
  const controller = new AbortController();
  let text = "";
  const system: ChatMessage[] = endpoint.systemPrompt ? [{ role: "system", content: endpoint.systemPrompt }] : [];
  try {
    const result = await streamChat(
      {
        baseURL: resolveBaseUrl(endpoint),
        apiKey: resolveApiKey(endpoint),
        modelId: endpoint.modelId,
        messages: [...system, { role: "user", content: TEST_PROMPT }],
        settings: { ...endpoint, maxTokens: Math.min(endpoint.maxTokens ?? TEST_MAX_TOKENS, TEST_MAX_TOKENS) },
        idleTimeoutMs: endpoint.timeoutSeconds * 1000,
        signal: controller.signal,
        // The admin wants to see what the server says now, not wait through retries.
        maxRetries: 0,
      },
      (delta) => {
        text += delta;
        if (text.length > MAX_TEXT) controller.abort();
      },
    );
    if (!text) throw new SampleFailure("empty", "the stream finished without any text");
    return { ok: true, text, firstTokenMs: result.firstTokenMs, totalMs: Math.round(performance.now() - started) };
  } catch (error) {
    if (!(error instanceof SampleFailure)) throw error;
    if (text.length > MAX_TEXT) {
      return {
        ok: false,
        kind: "invalid",
        error: `more than ${MAX_TEXT} characters came back for ${TEST_MAX_TOKENS} tokens: the server seems to ignore max_tokens`,
      };
    }
    return { ok: false, kind: error.kind, error: error.detail };
  }
}
