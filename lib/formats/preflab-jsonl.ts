// Preflab's own import format, one item a line:
// {"id"?, "messages" | "prompt", "responses": [{"text", "model"?, "rank"?, ...}], "meta"?, "explanation"?}
import { z } from "zod";
import { MAX_CANDIDATES, MIN_CANDIDATES, type ItemInput } from "@/lib/formats/item";
import { fieldErrorsFromZod, type FieldError } from "@/lib/formats/zod-issues";

export const MAX_EXPLANATION_CHARS = 10_000;

const messageSchema = z.object({
  role: z.enum(["system", "user", "assistant"], { error: 'expected "system", "user" or "assistant"' }),
  content: z.string({ error: "expected a string" }),
});

const responseSchema = z
  .object({
    text: z.string({ error: "expected a string" }),
    model: z.string({ error: "expected a string" }).nullish(),
    rank: z.number().int().min(1, "ranks start at 1").max(MAX_CANDIDATES).nullish(),
  })
  .catchall(z.unknown());

// Strict at the top: a misspelt field ("explaination") is named, not dropped. A response's own extra
// fields are kept in its meta.
const recordSchema = z.strictObject({
  id: z.union([z.string(), z.number()], { error: "expected a string or number" }).nullish(),
  messages: z.array(messageSchema, { error: "expected an array of messages" }).min(1, "must not be empty").optional(),
  prompt: z.string({ error: "expected a string" }).optional(),
  responses: z
    .array(responseSchema, { error: "expected an array of responses" })
    .min(MIN_CANDIDATES, `needs at least ${MIN_CANDIDATES} responses`)
    .max(MAX_CANDIDATES, `allows at most ${MAX_CANDIDATES} responses`),
  meta: z.record(z.string(), z.unknown(), { error: "expected an object" }).optional(),
  // Why the reference preference (the ranks) is right: shown to a worker after a practice answer.
  explanation: z.string({ error: "expected a string" }).max(MAX_EXPLANATION_CHARS, `at most ${MAX_EXPLANATION_CHARS} characters`).nullish(),
});

// Checked apart from the schema so these errors are reported together with field errors.
function contextErrors(value: object): FieldError[] {
  const record = value as { messages?: unknown; prompt?: unknown };
  if ((record.messages === undefined) === (record.prompt === undefined)) {
    return [{ field: "messages", message: 'give either "messages" or "prompt", not both or neither' }];
  }
  const last = Array.isArray(record.messages) ? record.messages.at(-1) : undefined;
  if (last?.role === "assistant") {
    return [{ field: "messages", message: "the conversation must not end with an assistant message" }];
  }
  return [];
}

function pointToMeta(error: FieldError): FieldError {
  return error.message === "unknown field" ? { ...error, message: 'unknown field; keep other data under "meta"' } : error;
}

export function looksLikePreflabRecord(value: unknown): boolean {
  return typeof value === "object" && value !== null && "responses" in value;
}

export function parsePreflabRecord(value: unknown): { item: ItemInput } | { errors: FieldError[] } {
  const parsed = recordSchema.safeParse(value);
  const errors = [...(parsed.success ? [] : fieldErrorsFromZod(parsed.error, recordSchema).map(pointToMeta)), ...contextErrors(value as object)];
  if (!parsed.success || errors.length > 0) return { errors };
  const { id, messages, prompt, responses, meta, explanation } = parsed.data;
  return {
    item: {
      externalId: id === undefined || id === null ? null : String(id),
      context: messages ?? [{ role: "user", content: prompt ?? "" }],
      candidates: responses.map(({ text, model, rank, ...rest }) => ({
        text,
        model: model ?? null,
        referenceRank: rank ?? null,
        meta: rest,
      })),
      meta: meta ?? {},
      ...(explanation?.trim() ? { referenceNote: explanation.trim() } : {}),
    },
  };
}
