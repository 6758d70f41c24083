// The HTTP side of the built-in demo models: an OpenAI-compatible endpoint that the app's own model client
// calls like any other deployment. Its callers are model clients, not people, so it checks the demo model
// key instead of a session and answers every refusal in OpenAI's error shape, which those clients parse.
import "server-only";
import { randomUUID } from "node:crypto";
import { env } from "@/lib/env";
import { fieldErrorsFromZod } from "@/lib/formats/zod-issues";
import { hasDemoModelKey } from "@/lib/models/demo-model-key";
import { streamDemoAnswer } from "@/lib/models/demo-model-stream";
import { answerDemoChat, DEMO_MODELS, isDemoModel, type DemoModel } from "@/lib/models/demo-responder";
import { chatCompletion, openAiErrorResponse, type OpenAiErrorFields } from "@/lib/models/openai-wire";
import { chatCompletionRequestSchema, chatMessageText, type ChatCompletionRequest } from "@/lib/validations/chat-completion-request";

// Far above any demo conversation; the body is never buffered past it.
export const DEMO_REQUEST_MAX_BYTES = 1024 * 1024;
// A fixed date, so the model list is the same bytes on every call and in every process.
const MODELS_CREATED = 1_767_225_600;

/** A refusal, sent to the client in OpenAI's error shape. */
class DemoModelError extends Error {
  readonly status: number;
  readonly fields: OpenAiErrorFields;

  constructor(status: number, message: string, fields: OpenAiErrorFields = {}) {
    super(message);
    this.status = status;
    this.fields = fields;
  }
}

/** Runs a handler behind the key check, translating refusals to OpenAI's shape and logging the rest. */
async function demoModelEndpoint(request: Request, handler: () => Promise<Response>): Promise<Response> {
  try {
    if (!hasDemoModelKey(request)) {
      throw new DemoModelError(401, "Missing or wrong API key: send Authorization: Bearer <demo model key>", { code: "invalid_api_key" });
    }
    return await handler();
  } catch (error) {
    if (error instanceof DemoModelError) return openAiErrorResponse(error.status, error.message, error.fields);
    console.error(error);
    return openAiErrorResponse(500, "The demo model failed; the error has been logged", { type: "server_error" });
  }
}

/** The body as text, read up to `maxBytes`: a larger one is refused without reading the rest. */
async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = new DemoModelError(413, `The request body is larger than ${maxBytes} bytes`, { code: "request_too_large" });
  if (Number(request.headers.get("content-length") ?? 0) > maxBytes) throw tooLarge;
  if (!request.body) return "";
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  while (true) {
    const { done, value } = await reader.read();
    if (done) return new TextDecoder().decode(Buffer.concat(parts));
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel();
      throw tooLarge;
    }
    parts.push(value);
  }
}

async function parseRequest(request: Request): Promise<ChatCompletionRequest & { model: DemoModel }> {
  let body: unknown;
  try {
    body = JSON.parse(await readBodyText(request, DEMO_REQUEST_MAX_BYTES));
  } catch (error) {
    if (error instanceof DemoModelError) throw error;
    throw new DemoModelError(400, "The request body must be JSON");
  }
  const parsed = chatCompletionRequestSchema.safeParse(body);
  // Only the first problem: OpenAI's error has room for one message and one param.
  if (!parsed.success) {
    const [first] = fieldErrorsFromZod(parsed.error);
    throw new DemoModelError(400, first.field ? `${first.field}: ${first.message}` : first.message, { param: first.field ?? null, code: "invalid_value" });
  }
  const { model } = parsed.data;
  if (!isDemoModel(model)) {
    throw new DemoModelError(404, `The model '${model}' does not exist; the demo models are ${DEMO_MODELS.join(", ")}`, {
      param: "model",
      code: "model_not_found",
    });
  }
  return { ...parsed.data, model };
}

/** POST /chat/completions: a `chat.completion`, or with `stream: true` a stream of chunks ending in [DONE]. */
export function createDemoChatCompletion(request: Request): Promise<Response> {
  return demoModelEndpoint(request, async () => {
    const body = await parseRequest(request);
    const messages = body.messages.map((message) => ({ role: message.role, content: chatMessageText(message.content) }));
    const answer = answerDemoChat(messages, {
      model: body.model,
      temperature: body.temperature ?? undefined,
      seed: body.seed ?? undefined,
      maxTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
    });
    const meta = { id: `chatcmpl-${randomUUID().replaceAll("-", "")}`, created: Math.floor(Date.now() / 1000), model: body.model };
    if (!body.stream) return Response.json(chatCompletion(meta, answer), { headers: { "cache-control": "no-store" } });
    const includeUsage = body.stream_options?.include_usage === true;
    const tokensPerSecond = env().DEMO_MODEL_TOKENS_PER_SECOND;
    const stream = streamDemoAnswer({ meta, answer, includeUsage, tokensPerSecond, signal: request.signal });
    // x-accel-buffering: a proxy in front (nginx) would otherwise hold the events back and send them in bursts.
    return new Response(stream, { headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store", "x-accel-buffering": "no" } });
  });
}

/** GET /models: the demo models, in OpenAI's list shape. */
export function listDemoModels(request: Request): Promise<Response> {
  return demoModelEndpoint(request, async () => {
    const data = DEMO_MODELS.map((id) => ({ id, object: "model", created: MODELS_CREATED, owned_by: "preflab" }));
    return Response.json({ object: "list", data }, { headers: { "cache-control": "no-store" } });
  });
}
