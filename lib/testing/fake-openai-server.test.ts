// Checks the fake server's wire format from outside, with fetch and an SSE parser written here, so a
// mistake in the server's own helpers cannot hide itself; then that the official client accepts it.
import OpenAI from "openai";
import { spawn } from "node:child_process";
import { once } from "node:events";
import path from "node:path";
import { createInterface } from "node:readline";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startFakeOpenAiServer, type FakeOpenAiServer } from "@/lib/testing/fake-openai-server";

type Chunk = {
  id: string;
  object: string;
  created: number;
  model: string;
  system_fingerprint: string;
  choices: { index: number; delta: { role?: string; content?: string }; finish_reason: string | null }[];
  usage?: { prompt_tokens: number; completion_tokens: number; total_tokens: number } | null;
};

const USER = [{ role: "user", content: "What is a preference pair?" }];

let server: FakeOpenAiServer;
beforeAll(async () => {
  server = await startFakeOpenAiServer();
});
afterAll(() => server.close());

function post(body: unknown, init: { signal?: AbortSignal; headers?: Record<string, string>; base?: string } = {}) {
  return fetch(`${init.base ?? server.baseUrl}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json", ...init.headers },
    body: typeof body === "string" ? body : JSON.stringify(body),
    signal: init.signal,
  });
}

/** The `data:` payloads of a complete event stream: events end at a blank line, as the SSE spec says. */
function dataPayloads(body: string): string[] {
  return body
    .split("\n\n")
    .filter((event) => event !== "")
    .map((event) =>
      event
        .split("\n")
        .filter((line) => line.startsWith("data: "))
        .map((line) => line.slice("data: ".length))
        .join("\n"),
    );
}

async function streamed(model: string, extra: Record<string, unknown> = {}) {
  const response = await post({ model, messages: USER, stream: true, ...extra });
  const payloads = dataPayloads(await response.text());
  const chunks = payloads.filter((p) => p !== "[DONE]").map((p) => JSON.parse(p) as Chunk);
  const content = chunks.map((c) => c.choices[0]?.delta.content ?? "").join("");
  return { response, payloads, chunks, content };
}

/** Reads a live stream until `predicate` holds for the text so far. */
async function readUntil(reader: ReadableStreamDefaultReader<Uint8Array>, predicate: (text: string) => boolean): Promise<string> {
  const decoder = new TextDecoder();
  let text = "";
  while (!predicate(text)) {
    const { done, value } = await reader.read();
    if (done) throw new Error(`stream ended early: ${text}`);
    text += decoder.decode(value, { stream: true });
  }
  return text;
}

async function waitFor(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition(); waited += 10) {
    if (waited > 2000) throw new Error("timed out waiting");
    await sleep(10);
  }
}

describe("streaming", () => {
  it("sends a role chunk, content deltas, a finish chunk and [DONE], each chunk with id, model and fingerprint", async () => {
    const { response, payloads, chunks, content } = await streamed("ok:chunk=5");
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    expect(payloads.at(-1)).toBe("[DONE]");
    expect(chunks[0].choices).toEqual([expect.objectContaining({ index: 0, delta: { role: "assistant", content: "" }, finish_reason: null })]);
    const middle = chunks.slice(1, -1);
    expect(middle.length).toBeGreaterThan(10);
    for (const chunk of middle) {
      expect(chunk.choices[0].finish_reason).toBeNull();
      expect(Array.from(chunk.choices[0].delta.content ?? "").length).toBeLessThanOrEqual(5);
    }
    expect(chunks.at(-1)?.choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
    expect(content).toMatch(/^Reply to: What is a preference pair\?\. /);
    for (const chunk of chunks) {
      expect(chunk).toMatchObject({ object: "chat.completion.chunk", model: "ok:chunk=5", id: chunks[0].id, system_fingerprint: chunks[0].system_fingerprint });
      expect(chunk.id).toMatch(/^chatcmpl-/);
      expect(chunk.system_fingerprint).toMatch(/^fp_/);
      expect(chunk).not.toHaveProperty("usage");
    }
    await waitFor(() => server.activeStreams() === 0);
  });

  it("adds a usage chunk with no choices before [DONE] when stream_options.include_usage is set", async () => {
    const { payloads, chunks, content } = await streamed("ok", { stream_options: { include_usage: true } });
    expect(payloads.at(-1)).toBe("[DONE]");
    const usage = chunks.at(-1)!;
    expect(usage.choices).toEqual([]);
    expect(usage.usage).toEqual({ prompt_tokens: expect.any(Number), completion_tokens: Math.ceil(content.length / 4), total_tokens: expect.any(Number) });
    expect(usage.usage!.total_tokens).toBe(usage.usage!.prompt_tokens + usage.usage!.completion_tokens);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.usage).toBeNull();
  });

  it("stops with finish_reason length at max_tokens, four characters a token", async () => {
    const { chunks, content } = await streamed("ok:length=400", { max_tokens: 10, stream_options: { include_usage: true } });
    expect(content).toHaveLength(40);
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe("length");
    expect(chunks.at(-1)?.usage?.completion_tokens).toBe(10);
  });

  it("answers deterministically for a message and seed, and differently for another seed", async () => {
    const a = await streamed("ok", { seed: 1 });
    const b = await streamed("ok", { seed: 1 });
    const c = await streamed("ok", { seed: 2 });
    expect(a.content).toBe(b.content);
    expect(a.content).not.toBe(c.content);
    expect(a.content.length).toBeGreaterThan(150);
  });

  it("waits first= before the first content and delay= between contents", async () => {
    const started = Date.now();
    const response = await post({ model: "ok:first=150,delay=20,length=40,chunk=10", messages: USER, stream: true });
    const reader = response.body!.getReader();
    await readUntil(reader, (text) => text.includes('"content":"Reply'));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
    await readUntil(reader, (text) => text.includes("[DONE]"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(140 + 3 * 18);
  });
});

describe("other endpoints and errors", () => {
  it("answers stream: false with one chat.completion", async () => {
    const response = await post({ model: "ok", messages: USER, seed: 1 });
    const body = await response.json();
    expect(response.headers.get("content-type")).toBe("application/json");
    expect(body).toMatchObject({ object: "chat.completion", model: "ok", choices: [{ index: 0, message: { role: "assistant" }, finish_reason: "stop" }] });
    expect(body.choices[0].message.content).toBe((await streamed("ok", { seed: 1 })).content);
    expect(body.usage.total_tokens).toBe(body.usage.prompt_tokens + body.usage.completion_tokens);
  });

  it("lists models at GET /v1/models", async () => {
    const body = await (await fetch(`${server.baseUrl}/models`)).json();
    expect(body.object).toBe("list");
    expect(body.data).toContainEqual(expect.objectContaining({ id: "ok", object: "model", owned_by: expect.any(String) }));
  });

  it("refuses bad JSON and a missing messages with 400 in OpenAI's error shape", async () => {
    const badJson = await post("{not json");
    expect(badJson.status).toBe(400);
    expect(await badJson.json()).toEqual({
      error: { message: expect.stringContaining("parse the JSON"), type: "invalid_request_error", param: null, code: null },
    });
    const noMessages = await post({ model: "ok" });
    expect(noMessages.status).toBe(400);
    expect((await noMessages.json()).error).toMatchObject({ message: expect.stringContaining("'messages'"), type: "invalid_request_error" });
  });

  it("refuses requests without the API key with 401 when it has one", async () => {
    const locked = await startFakeOpenAiServer({ apiKey: "sk-test" });
    try {
      const missing = await post({ model: "ok", messages: USER }, { base: locked.baseUrl });
      expect(missing.status).toBe(401);
      expect((await missing.json()).error).toMatchObject({ type: "invalid_request_error", param: null, message: expect.stringContaining("API key") });
      const wrong = await post({ model: "ok", messages: USER }, { base: locked.baseUrl, headers: { authorization: "Bearer nope" } });
      expect(wrong.status).toBe(401);
      const right = await post({ model: "ok", messages: USER }, { base: locked.baseUrl, headers: { authorization: "Bearer sk-test" } });
      expect(right.status).toBe(200);
      expect(locked.requests.map((r) => r.headers.authorization)).toEqual([undefined, "Bearer nope", "Bearer sk-test"]);
    } finally {
      await locked.close();
    }
  });
});

describe("behaviours", () => {
  it("429 answers with Retry-After for the first `times` requests of that model id, then answers", async () => {
    const statuses = [];
    for (let i = 0; i < 3; i++) {
      const response = await post({ model: "429:retry=3,times=2", messages: USER, stream: true });
      statuses.push(response.status);
      if (response.status === 429) {
        expect(response.headers.get("retry-after")).toBe("3");
        expect((await response.json()).error).toMatchObject({ type: "requests", code: "rate_limit_exceeded", param: null });
      } else {
        expect(dataPayloads(await response.text()).at(-1)).toBe("[DONE]");
      }
    }
    expect(statuses).toEqual([429, 429, 200]);
    expect((await post({ model: "429", messages: USER })).headers.get("retry-after")).toBe("1");
  });

  it("500 answers with OpenAI's server error the first `times` times", async () => {
    const first = await post({ model: "500:times=1", messages: USER });
    expect(first.status).toBe(500);
    expect(await first.json()).toEqual({ error: { message: expect.any(String), type: "server_error", param: null, code: null } });
    expect((await post({ model: "500:times=1", messages: USER })).status).toBe(200);
  });

  it("stall sends the first characters, then nothing while the client waits", async () => {
    const controller = new AbortController();
    const response = await post({ model: "stall:after=8,chunk=4", messages: USER, stream: true }, { signal: controller.signal });
    const reader = response.body!.getReader();
    const text = await readUntil(reader, (sofar) => (sofar.match(/"content":"[^"]+"/g) ?? []).length === 2);
    expect(text).not.toContain('finish_reason":"stop');
    const next = reader.read().catch(() => "aborted");
    expect(await Promise.race([next, sleep(300, "silence")])).toBe("silence");
    expect(server.activeStreams()).toBe(1);
    controller.abort();
    await next;
    await waitFor(() => server.activeStreams() === 0);
    expect(server.requests.findLast((r) => r.body !== null && (r.body as { model: string }).model.startsWith("stall"))?.aborted).toBe(true);
  });

  it("malformed sends a cut-off data line, then [DONE]", async () => {
    const response = await post({ model: "malformed", messages: USER, stream: true });
    const payloads = dataPayloads(await response.text());
    expect(payloads.at(-1)).toBe("[DONE]");
    const bad = payloads.at(-2)!;
    expect(bad).toBe('{"choices": [ {"delta": ');
    expect(() => JSON.parse(bad)).toThrow();
    expect(payloads.slice(0, -2).every((p) => JSON.parse(p).object === "chat.completion.chunk")).toBe(true);
  });

  it("cutoff ends the response cleanly with neither a finish_reason nor [DONE]", async () => {
    const { payloads, chunks, content } = await streamed("cutoff:after=12");
    expect(content).toBe("Reply to: Wh");
    expect(payloads).not.toContain("[DONE]");
    expect(chunks.every((c) => c.choices[0].finish_reason === null)).toBe(true);
  });

  it("garbage answers 200 with an HTML page", async () => {
    const response = await post({ model: "garbage", messages: USER, stream: true });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toMatch(/^text\/html/);
    expect(await response.text()).toMatch(/^<!DOCTYPE html>/);
  });

  it("empty streams the role chunk, the finish chunk and [DONE] only", async () => {
    const { payloads, chunks, content } = await streamed("empty");
    expect(payloads).toHaveLength(3);
    expect(content).toBe("");
    expect(chunks[1].choices[0]).toMatchObject({ delta: {}, finish_reason: "stop" });
  });

  it("a client abort mid-stream closes the stream and marks the request aborted", async () => {
    const controller = new AbortController();
    const response = await post({ model: "slow:delay=20,length=2000", messages: USER, stream: true }, { signal: controller.signal });
    await readUntil(response.body!.getReader(), (text) => /"content":"[^"]/.test(text));
    expect(server.activeStreams()).toBe(1);
    const record = server.requests.at(-1)!;
    expect(record).toMatchObject({ method: "POST", path: "/v1/chat/completions", aborted: false, body: { model: "slow:delay=20,length=2000" } });
    controller.abort();
    await waitFor(() => server.activeStreams() === 0);
    expect(record.aborted).toBe(true);
  });
});

describe("the official openai client", () => {
  it("consumes a stream", async () => {
    const client = new OpenAI({ baseURL: server.baseUrl, apiKey: "k", maxRetries: 0 });
    const stream = await client.chat.completions.create({ model: "ok", messages: [{ role: "user", content: "Hello" }], stream: true, seed: 4 });
    let content = "";
    for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? "";
    const direct = await post({ model: "ok", messages: [{ role: "user", content: "Hello" }], seed: 4 });
    expect(content).toBe((await direct.json()).choices[0].message.content);
    expect(server.requests.at(-2)?.headers.authorization).toBe("Bearer k");
  });

  it("reports a 429 as a RateLimitError when it may not retry", async () => {
    const client = new OpenAI({ baseURL: server.baseUrl, apiKey: "k", maxRetries: 0 });
    const request = client.chat.completions.create({ model: "429:times=1,chunk=8", messages: [{ role: "user", content: "Hello" }], stream: true });
    await expect(request).rejects.toBeInstanceOf(OpenAI.RateLimitError);
  });

  it("honours Retry-After and succeeds on its retry", async () => {
    const client = new OpenAI({ baseURL: server.baseUrl, apiKey: "k", maxRetries: 1 });
    const started = Date.now();
    const stream = await client.chat.completions.create({ model: "429:times=1", messages: [{ role: "user", content: "Hello" }], stream: true });
    let content = "";
    for await (const chunk of stream) content += chunk.choices[0]?.delta.content ?? "";
    expect(content).toMatch(/^Reply to: Hello\./);
    expect(Date.now() - started).toBeGreaterThanOrEqual(950);
    expect(server.requests.filter((r) => (r.body as { model?: string } | null)?.model === "429:times=1")).toHaveLength(2);
  });
});

describe("as a process", () => {
  it("prints its base URL, serves, and exits 0 on SIGTERM", async () => {
    const root = path.resolve(import.meta.dirname, "../..");
    const child = spawn(path.join(root, "node_modules/.bin/tsx"), ["lib/testing/fake-openai-server.ts", "--port", "0", "--api-key", "sk-cli"], {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    });
    const exited = once(child, "exit");
    try {
      const [line] = (await once(createInterface({ input: child.stdout! }), "line")) as [string];
      const baseUrl = line.match(/^fake-openai listening on (http:\/\/127\.0\.0\.1:\d+\/v1)$/)?.[1];
      expect(baseUrl).toBeDefined();
      expect((await fetch(`${baseUrl}/models`, { headers: { authorization: "Bearer sk-cli" } })).status).toBe(200);
      expect((await fetch(`${baseUrl}/models`)).status).toBe(401);
    } finally {
      child.kill("SIGTERM");
    }
    expect(await exited).toEqual([0, null]);
  }, 20_000);
});
