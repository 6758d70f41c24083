import { describe, expect, it } from "vitest";
import { streamDemoAnswer } from "@/lib/models/demo-model-stream";
import type { DemoAnswer } from "@/lib/models/demo-responder";

const answer: DemoAnswer = {
  text: "one two three four five",
  tokens: ["one ", "two ", "three ", "four ", "five"],
  finishReason: "stop",
  usage: { promptTokens: 1, completionTokens: 5, totalTokens: 6 },
};
const meta = { id: "chatcmpl-test", created: 0, model: "preflab-demo-hh" };

function stream(tokensPerSecond: number, signal = new AbortController().signal) {
  return streamDemoAnswer({ meta, answer, includeUsage: false, tokensPerSecond, signal });
}

describe("streamDemoAnswer", () => {
  it("paces the tokens at the rate asked for", async () => {
    const started = performance.now();
    const text = await new Response(stream(100)).text();
    // The fifth token is due 5/100 s after the start; timers may fire a little early, never much.
    expect(performance.now() - started).toBeGreaterThanOrEqual(45);
    expect(text.endsWith("data: [DONE]\n\n")).toBe(true);
  });

  it("ends at once when the client disconnects during a pause", async () => {
    const client = new AbortController();
    const reader = stream(0.5, client.signal).getReader();
    await reader.read();
    const started = performance.now();
    setTimeout(() => client.abort(), 20);
    let read = await reader.read();
    while (!read.done) read = await reader.read();
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it("stops when the reader cancels during a pause", async () => {
    const reader = stream(0.5).getReader();
    await reader.read();
    const pending = reader.read();
    await reader.cancel();
    expect((await pending).done).toBe(true);
  });
});
