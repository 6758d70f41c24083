// Streams a demo answer as server-sent events at a steady pace, the way a model generating tokens would,
// and stops as soon as the client goes away.
import "server-only";
import type { DemoAnswer } from "@/lib/models/demo-responder";
import { completionChunks, sseData, type CompletionMeta } from "@/lib/models/openai-wire";

type StreamOptions = { meta: CompletionMeta; answer: DemoAnswer; includeUsage: boolean; tokensPerSecond: number; signal: AbortSignal };

/** Resolves after `ms`, or at once when the signal aborts, so a disconnect never waits out a pause. */
function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer);
      signal.removeEventListener("abort", done);
      resolve();
    };
    const timer = setTimeout(done, ms);
    signal.addEventListener("abort", done, { once: true });
  });
}

/** The `text/event-stream` body: chunks, then `data: [DONE]`. Token n is due n/tokensPerSecond after the start. */
export function streamDemoAnswer({ meta, answer, includeUsage, tokensPerSecond, signal }: StreamOptions): ReadableStream<Uint8Array> {
  const chunks = completionChunks(meta, answer, { includeUsage });
  const events = [...chunks.map(sseData), sseData("[DONE]")];
  const encoder = new TextEncoder();
  const interval = tokensPerSecond > 0 ? 1000 / tokensPerSecond : 0;
  const start = Date.now();
  // Aborts on a client disconnect (the request's signal) or when the reader cancels the stream.
  const cancelled = new AbortController();
  const stopped = AbortSignal.any([signal, cancelled.signal]);
  let next = 0;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      // Events 1..tokens are the content deltas; timing them from the start keeps the rate steady however
      // late each timer fires. The same pace for every demo model, so timing cannot tell them apart.
      if (next >= 1 && next <= answer.tokens.length) await pause(start + next * interval - Date.now(), stopped);
      if (cancelled.signal.aborted) return;
      if (stopped.aborted) return controller.close();
      controller.enqueue(encoder.encode(events[next++]));
      if (next === events.length) controller.close();
    },
    cancel() {
      cancelled.abort();
    },
  });
}
