// Sends a planned completion, streamed as server-sent events or as one JSON body, misbehaving as the
// plan's behaviour asks. Every wait ends early when the client goes away, and nothing is written after.
import { once } from "node:events";
import type { ServerResponse } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { splitIntoChunks } from "@/lib/testing/fake-openai-answer";
import type { CompletionPlan } from "@/lib/testing/fake-openai-request";
import { choiceChunk, completion, usageChunk } from "@/lib/testing/fake-openai-wire";

/** What `malformed` sends: a data line cut off mid-object, as a broken proxy or upstream might. */
export const MALFORMED_LINE = 'data: {"choices": [ {"delta": ';

async function pause(ms: number, signal: AbortSignal): Promise<void> {
  if (ms <= 0 || signal.aborted) return;
  await sleep(ms, undefined, { signal }).catch(() => undefined);
}

function untilAborted(signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => (signal.aborted ? resolve() : signal.addEventListener("abort", () => resolve(), { once: true })));
}

async function write(res: ServerResponse, signal: AbortSignal, text: string): Promise<void> {
  if (signal.aborted) return;
  // Waits for a slow reader (a benchmark's long answers) instead of buffering the whole answer.
  if (!res.write(text)) await once(res, "drain", { signal }).catch(() => undefined);
}

/** The characters a misbehaving stream sends before it stalls, breaks or stops. */
function sentText(plan: CompletionPlan): string {
  const misbehaves = plan.behaviour === "stall" || plan.behaviour === "malformed" || plan.behaviour === "cutoff";
  return misbehaves ? Array.from(plan.text).slice(0, plan.params.after).join("") : plan.text;
}

export async function streamCompletion(res: ServerResponse, signal: AbortSignal, plan: CompletionPlan): Promise<void> {
  const { identity, params, includeUsage, obfuscate } = plan;
  const event = (data: unknown) => write(res, signal, `data: ${JSON.stringify(data)}\n\n`);
  res.writeHead(200, { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-cache", connection: "keep-alive" });
  await event(choiceChunk(identity, { delta: { role: "assistant", content: "" }, finishReason: null, includeUsage, obfuscate }));
  const pieces = splitIntoChunks(sentText(plan), params.chunk);
  for (const [i, content] of pieces.entries()) {
    await pause(i === 0 ? params.first : params.delay, signal);
    if (signal.aborted) return;
    await event(choiceChunk(identity, { delta: { content }, finishReason: null, includeUsage, obfuscate }));
  }
  if (signal.aborted) return;
  if (plan.behaviour === "stall") return untilAborted(signal);
  if (plan.behaviour === "cutoff") return void res.end();
  if (plan.behaviour === "malformed") {
    await write(res, signal, `${MALFORMED_LINE}\n\n`);
  } else {
    await event(choiceChunk(identity, { delta: {}, finishReason: plan.finishReason, includeUsage, obfuscate }));
    if (includeUsage) await event(usageChunk(identity, plan.usage));
  }
  await write(res, signal, "data: [DONE]\n\n");
  if (!signal.aborted) res.end();
}

/** `stream: false`: waits about as long as the stream would have taken, then sends one body. */
export async function answerCompletion(res: ServerResponse, signal: AbortSignal, plan: CompletionPlan): Promise<void> {
  const { params } = plan;
  if (plan.behaviour === "stall") return untilAborted(signal);
  const pieces = splitIntoChunks(plan.text, params.chunk).length;
  await pause(params.first + Math.max(0, pieces - 1) * params.delay, signal);
  if (signal.aborted) return;
  const body = JSON.stringify(completion(plan.identity, plan));
  res.writeHead(200, { "content-type": "application/json" });
  // Both leave the client a body that is not JSON: one broken inside, one ended halfway.
  if (plan.behaviour === "malformed") return void res.end(MALFORMED_LINE.slice("data: ".length));
  if (plan.behaviour === "cutoff") return void res.end(body.slice(0, Math.floor(body.length / 2)));
  res.end(body);
}
