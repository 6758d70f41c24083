// A fake OpenAI-compatible Chat Completions server for tests and benchmarks. It speaks the real wire
// protocol (api.openai.com's JSON, SSE chunks, errors and headers), so code under test talks to it
// exactly as it would to a real provider. The request's model id picks the behaviour; see
// fake-openai-model-id.ts. As a process, for browser tests and benchmarks:
//   node_modules/.bin/tsx lib/testing/fake-openai-server.ts --port 0 [--api-key KEY]
// prints `fake-openai listening on http://127.0.0.1:PORT/v1` and runs until SIGTERM or SIGINT.
import { randomBytes } from "node:crypto";
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import path from "node:path";
import { text } from "node:stream/consumers";
import { parseArgs } from "node:util";
import { answerCompletion, streamCompletion } from "@/lib/testing/fake-openai-completion";
import { parseFakeModelId, type FakeBehaviour, type FakeModel } from "@/lib/testing/fake-openai-model-id";
import { findRequestError, planCompletion, type ChatRequestBody } from "@/lib/testing/fake-openai-request";
import { errorBody, modelList, modelObject, randomAlphanumeric } from "@/lib/testing/fake-openai-wire";

export type RecordedRequest = {
  method: string;
  /** The path and query, e.g. `/v1/chat/completions`. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The body parsed as JSON; null when there was none or it was not JSON. */
  body: unknown;
  rawBody: string;
  receivedAt: Date;
  /** The client went away before the response ended. */
  aborted: boolean;
};

export type FakeOpenAiServer = {
  /** `http://127.0.0.1:PORT/v1`, what an OpenAI client takes as its base URL. */
  baseUrl: string;
  /** Every request in arrival order, including those refused. */
  requests: RecordedRequest[];
  /** Streaming responses open right now: one that ended or whose client went away no longer counts. */
  activeStreams(): number;
  close(): Promise<void>;
};

export type FakeOpenAiServerOptions = { port?: number; apiKey?: string };

type ServerState = {
  apiKey: string | undefined;
  requests: RecordedRequest[];
  activeStreams: number;
  /** Requests seen per exact model id, for `times`. */
  seenPerModel: Map<string, number>;
  fingerprint: string;
  createdAt: number;
};

export async function startFakeOpenAiServer({ port = 0, apiKey }: FakeOpenAiServerOptions = {}): Promise<FakeOpenAiServer> {
  const state: ServerState = {
    apiKey,
    requests: [],
    activeStreams: 0,
    seenPerModel: new Map(),
    fingerprint: `fp_${randomBytes(5).toString("hex")}`,
    createdAt: Math.floor(Date.now() / 1000),
  };
  const server = createServer((req, res) => {
    handleRequest(state, req, res).catch((error: unknown) => {
      console.error("fake-openai:", error);
      if (!res.headersSent) sendJson(res, 500, errorBody(String(error), { type: "server_error" }));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  const { port: boundPort } = server.address() as { port: number };
  let closing: Promise<void> | undefined;
  return {
    baseUrl: `http://127.0.0.1:${boundPort}/v1`,
    requests: state.requests,
    activeStreams: () => state.activeStreams,
    close: () => (closing ??= closeServer(server)),
  };
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.close((error) => (error ? reject(error) : resolve()));
    // Stalled streams and idle keep-alive sockets would otherwise hold close() open forever.
    server.closeAllConnections();
  });
}

function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  res.writeHead(status, { "content-type": "application/json", ...headers });
  res.end(JSON.stringify(body));
}

/** Aborts when the client disconnects before the response has ended, and marks the record. */
function watchDisconnect(res: ServerResponse, record: RecordedRequest): AbortSignal {
  const controller = new AbortController();
  res.once("close", () => {
    if (res.writableFinished) return;
    record.aborted = true;
    controller.abort();
  });
  return controller.signal;
}

async function handleRequest(state: ServerState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const record: RecordedRequest = {
    method: req.method ?? "",
    path: req.url ?? "",
    headers: req.headers,
    body: null,
    rawBody: "",
    receivedAt: new Date(),
    aborted: false,
  };
  state.requests.push(record);
  const signal = watchDisconnect(res, record);
  // A client that gives up while sending its body is recorded as aborted; there is no one to answer.
  record.rawBody = await text(req).catch(() => "");
  if (signal.aborted) return;
  record.body = parseJson(record.rawBody);
  res.setHeader("x-request-id", `req_${randomAlphanumeric(32)}`);
  res.setHeader("openai-version", "2020-10-01");
  if (!isAuthorised(state, req, res)) return;
  const pathname = new URL(record.path, "http://localhost").pathname;
  if (req.method === "POST" && pathname === "/v1/chat/completions") return chatCompletions(state, record, res, signal);
  if (req.method === "GET" && pathname === "/v1/models") return sendJson(res, 200, modelList({ created: state.createdAt }));
  if (req.method === "GET" && pathname.startsWith("/v1/models/")) {
    return sendJson(res, 200, modelObject({ id: decodeURIComponent(pathname.slice("/v1/models/".length)), created: state.createdAt }));
  }
  sendJson(res, 404, errorBody(`Invalid URL (${req.method} ${pathname})`));
}

function parseJson(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    return null;
  }
}

function isAuthorised(state: ServerState, req: IncomingMessage, res: ServerResponse): boolean {
  if (state.apiKey === undefined) return true;
  const authorization = req.headers.authorization;
  if (authorization === `Bearer ${state.apiKey}`) return true;
  const message = authorization?.startsWith("Bearer ")
    ? `Incorrect API key provided: ${authorization.slice(7, 10)}***. You can find your API key at https://platform.openai.com/account/api-keys.`
    : "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or as the password field (with blank username) if you're accessing the API from your browser and are prompted for a username and password. You can obtain an API key from https://platform.openai.com/account/api-keys.";
  sendJson(res, 401, errorBody(message, { code: authorization ? "invalid_api_key" : null }));
  return false;
}

/** Once a model id has failed `times` times it answers as `ok`, so clients' retries can succeed. */
function behaviourNow(state: ServerState, modelId: string, { behaviour, params }: FakeModel): FakeBehaviour {
  const seen = (state.seenPerModel.get(modelId) ?? 0) + 1;
  state.seenPerModel.set(modelId, seen);
  return params.times !== null && seen > params.times ? "ok" : behaviour;
}

async function chatCompletions(state: ServerState, record: RecordedRequest, res: ServerResponse, signal: AbortSignal): Promise<void> {
  const problem = findRequestError(record.body);
  if (problem) return sendJson(res, 400, problem);
  const request = record.body as ChatRequestBody;
  const model = parseFakeModelId(request.model);
  const behaviour = behaviourNow(state, request.model, model);
  if (behaviour === "429") return sendRateLimited(res, model.params.retry);
  if (behaviour === "500") {
    return sendJson(res, 500, errorBody("The server had an error while processing your request. Sorry about that!", { type: "server_error" }));
  }
  if (behaviour === "garbage") return sendGarbage(res);
  const plan = planCompletion(request, { behaviour, params: model.params, fingerprint: state.fingerprint });
  if (request.stream !== true) return answerCompletion(res, signal, plan);
  if (signal.aborted) return;
  state.activeStreams++;
  res.once("close", () => state.activeStreams--);
  await streamCompletion(res, signal, plan);
}

function sendRateLimited(res: ServerResponse, retrySeconds: number): void {
  const message = `Rate limit reached for requests. Please try again in ${retrySeconds}s. Visit https://platform.openai.com/account/rate-limits to learn more.`;
  sendJson(res, 429, errorBody(message, { type: "requests", code: "rate_limit_exceeded" }), { "retry-after": String(retrySeconds) });
}

/** A misconfigured proxy or captive portal answering 200 with a web page. */
function sendGarbage(res: ServerResponse): void {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  res.end("<!DOCTYPE html>\n<html><head><title>Sign in</title></head><body><h1>Network login required</h1><p>Sign in to continue.</p></body></html>\n");
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { port: { type: "string", default: "0" }, "api-key": { type: "string" } } });
  const port = Number(values.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be 0-65535, not ${values.port}`);
  const server = await startFakeOpenAiServer({ port, apiKey: values["api-key"] });
  process.stdout.write(`fake-openai listening on ${server.baseUrl}\n`);
  for (const name of ["SIGINT", "SIGTERM"] as const) {
    process.once(name, () => void server.close().then(() => process.exit(0)));
  }
}

// Started as a program rather than imported. Not `import.meta.filename`: Playwright loads a spec's imports
// as CommonJS, and `import.meta` would make Node take this file for an ES module and fail to load it.
if (process.argv[1] && path.resolve(process.argv[1]).endsWith(path.join("lib", "testing", "fake-openai-server.ts"))) {
  main(process.argv.slice(2)).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(2);
  });
}
