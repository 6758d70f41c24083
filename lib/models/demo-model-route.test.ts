import { createHmac } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { POST } from "@/app/api/demo-model/v1/chat/completions/route";
import { GET } from "@/app/api/demo-model/v1/models/route";
import { demoModelKey } from "@/lib/models/demo-model-key";

const URL_BASE = "http://localhost/api/demo-model/v1";
const SECRET = "test-secret-for-the-demo-model-route-0123456789";

beforeAll(() => {
  process.env.AUTH_SECRET = SECRET;
  // env() validates the whole environment; no database is touched.
  process.env.DATABASE_URL ??= "postgresql://localhost/unused";
  process.env.DEMO_MODEL_TOKENS_PER_SECOND = "0";
});

type Body = Record<string, unknown>;

function post(body: Body | string, { key = demoModelKey(), signal }: { key?: string | null; signal?: AbortSignal } = {}) {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (key !== null) headers.authorization = `Bearer ${key}`;
  const payload = typeof body === "string" ? body : JSON.stringify(body);
  return POST(new Request(`${URL_BASE}/chat/completions`, { method: "POST", headers, body: payload, signal }));
}

const ask = (extra: Body = {}): Body => ({
  model: "preflab-demo-helpful",
  messages: [{ role: "user", content: "How do I reverse a string in Python?" }],
  seed: 11,
  ...extra,
});

/** The `data:` payloads of an event stream, JSON-parsed except the final [DONE]. */
async function events(response: Response): Promise<unknown[]> {
  const text = await response.text();
  expect(text.endsWith("\n\n")).toBe(true);
  return text
    .trim()
    .split("\n\n")
    .map((event) => {
      expect(event.startsWith("data: ")).toBe(true);
      const data = event.slice("data: ".length);
      return data === "[DONE]" ? data : JSON.parse(data);
    });
}

type Chunk = {
  object: string;
  id: string;
  model: string;
  choices: { delta: { role?: string; content?: string }; finish_reason: string | null }[];
  usage?: unknown;
};

describe("the demo model key", () => {
  it("is the hex HMAC-SHA256 of 'preflab demo model' keyed by AUTH_SECRET", () => {
    expect(demoModelKey()).toBe(createHmac("sha256", SECRET).update("preflab demo model").digest("hex"));
  });
});

describe("POST /api/demo-model/v1/chat/completions", () => {
  it.each([
    ["no key", null],
    ["a wrong key", "0".repeat(64)],
    ["a short key", "abc"],
  ])("refuses %s with 401 in OpenAI's error shape", async (_, key) => {
    const response = await post(ask(), { key });
    expect(response.status).toBe(401);
    expect(await response.json()).toEqual({ error: { message: expect.any(String), type: "invalid_request_error", param: null, code: "invalid_api_key" } });
  });

  it("answers 404 for an unknown model", async () => {
    const response = await post(ask({ model: "gpt-4o" }));
    expect(response.status).toBe(404);
    expect((await response.json()).error).toMatchObject({ type: "invalid_request_error", param: "model", code: "model_not_found" });
  });

  it.each([
    ["a body that is not JSON", "{nope", null],
    ["no messages", { model: "preflab-demo-helpful" }, "messages"],
    ["a bad role", ask({ messages: [{ role: "robot", content: "hi" }] }), "messages[0].role"],
    ["a temperature out of range", ask({ temperature: 3 }), "temperature"],
  ])("answers 400 for %s", async (_, body, param) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    const { error } = await response.json();
    expect(error).toMatchObject({ type: "invalid_request_error", param });
    expect(Object.keys(error).sort()).toEqual(["code", "message", "param", "type"]);
  });

  it("refuses a body over 1 MiB with 413, whether or not its length is declared", async () => {
    const response = await post(ask({ messages: [{ role: "user", content: "x".repeat(1024 * 1024) }] }));
    expect(response.status).toBe(413);
    const declared = new Request(`${URL_BASE}/chat/completions`, {
      method: "POST",
      headers: { authorization: `Bearer ${demoModelKey()}`, "content-length": String(2 * 1024 * 1024) },
      body: "{}",
    });
    expect((await POST(declared)).status).toBe(413);
  });

  it("answers a chat.completion without stream", async () => {
    const response = await post(ask({ max_tokens: 500 }));
    expect(response.status).toBe(200);
    const body = await response.json();
    expect(body).toMatchObject({ object: "chat.completion", model: "preflab-demo-helpful", choices: [{ index: 0, finish_reason: "stop" }] });
    expect(body.id).toMatch(/^chatcmpl-/);
    expect(body.choices[0].message.content).toMatch(/reverse|\[::-1\]/i);
    expect(body.usage.completion_tokens).toBeGreaterThan(0);
  });

  it("streams chunks ending in [DONE] whose deltas make the non-streamed answer for the same seed", async () => {
    const whole = await (await post(ask())).json();
    const response = await post(ask({ stream: true, stream_options: { include_usage: true } }));
    expect(response.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const data = await events(response);
    expect(data.at(-1)).toBe("[DONE]");
    const chunks = data.slice(0, -1) as Chunk[];
    for (const chunk of chunks) expect(chunk).toMatchObject({ object: "chat.completion.chunk", model: "preflab-demo-helpful", id: chunks[0].id });
    expect(chunks[0].choices[0].delta.role).toBe("assistant");
    const content = chunks.flatMap((chunk) => chunk.choices.map((choice) => choice.delta.content ?? "")).join("");
    expect(content).toBe(whole.choices[0].message.content);
    expect(chunks.at(-2)!.choices[0].finish_reason).toBe("stop");
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: whole.usage });
  });

  it("sends no usage chunk unless asked, and cuts at max_tokens with finish reason length", async () => {
    const chunks = (await events(await post(ask({ stream: true, max_tokens: 3 })))).slice(0, -1) as Chunk[];
    expect(chunks).toHaveLength(1 + 3 + 1);
    expect(chunks.at(-1)!.choices[0].finish_reason).toBe("length");
    expect(chunks.every((chunk) => !("usage" in chunk))).toBe(true);
  });

  it("stops streaming when the client disconnects", async () => {
    const client = new AbortController();
    const response = await post(ask({ stream: true }), { signal: client.signal });
    const reader = response.body!.getReader();
    await reader.read();
    client.abort();
    let rest = "";
    for (let read = await reader.read(); !read.done; read = await reader.read()) rest += new TextDecoder().decode(read.value);
    expect(rest).not.toContain("[DONE]");
  });
});

describe("GET /api/demo-model/v1/models", () => {
  it("lists the two demo models", async () => {
    const response = await GET(new Request(`${URL_BASE}/models`, { headers: { authorization: `Bearer ${demoModelKey()}` } }));
    const body = await response.json();
    expect(body.object).toBe("list");
    expect(body.data.map((model: { id: string }) => model.id)).toEqual(["preflab-demo-helpful", "preflab-demo-hh"]);
  });

  it("refuses a request without the key", async () => {
    expect((await GET(new Request(`${URL_BASE}/models`))).status).toBe(401);
  });
});
