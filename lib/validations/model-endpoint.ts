import { z } from "zod";

/**
 * The only names an endpoint may read its key from. Anything else could name one of the app's own
 * secrets (AUTH_SECRET, DATABASE_URL) and send it to a model server as a bearer token.
 */
export const API_KEY_ENV_PATTERN = /^[A-Z][A-Z0-9_]*_API_KEY$/;

const API_KEY_ENV_MESSAGE =
  "name an environment variable ending in _API_KEY, in capitals, like OPENAI_API_KEY: only such names are allowed, so that an endpoint can never send the app's own secrets (AUTH_SECRET, DATABASE_URL) to a model server";

// Empty form fields arrive as "": for the key fields that means "keep what is stored".
const blankIsAbsent = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

const baseUrlSchema = z
  .string()
  .trim()
  .min(1, "give the server's address, like http://localhost:11434/v1")
  .max(2_000, "at most 2000 characters")
  .transform((raw, ctx) => {
    const problem = baseUrlProblem(raw);
    if (!problem) return raw.replace(/\/+$/, "");
    ctx.addIssue({ code: "custom", message: problem });
    return z.NEVER;
  });

function baseUrlProblem(raw: string): string | null {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (!url || (url.protocol !== "http:" && url.protocol !== "https:")) return "use an http:// or https:// address, like http://localhost:11434/v1";
  if (url.username || url.password) return "put no user name or password in the address: give the API key in its own field";
  // The client appends /chat/completions to the address: a query or fragment would end up before it.
  if (/[?#]/.test(raw)) return "give the address without a query (?) or fragment (#)";
  return null;
}

/** Settings a built-in endpoint may change too: how it samples and its limits. */
const samplingShape = {
  temperature: z.coerce.number().min(0, "temperature is from 0 to 2").max(2, "temperature is from 0 to 2").nullable(),
  topP: z.coerce.number().min(0, "top-p is from 0 to 1").max(1, "top-p is from 0 to 1").nullable(),
  maxTokens: z.coerce.number().int("a whole number").min(1, "at least 1 token").max(32_768, "at most 32768 tokens").nullable(),
  stop: z.array(z.string().min(1, "a stop sequence cannot be empty").max(100, "a stop sequence has at most 100 characters")).max(4, "at most 4 stop sequences"),
  // The column is a 32-bit integer.
  seed: z.coerce.number().int("a whole number").min(-2_147_483_648, "too small for a seed").max(2_147_483_647, "too large for a seed").nullable(),
  systemPrompt: z.string().max(20_000, "at most 20000 characters").nullable(),
  timeoutSeconds: z.coerce.number().int("a whole number of seconds").min(1, "at least 1 second").max(600, "at most 600 seconds"),
  maxConcurrent: z.coerce.number().int("a whole number").min(1, "at least 1").max(256, "at most 256"),
};

export const SAMPLING_FIELDS = Object.keys(samplingShape) as (keyof typeof samplingShape)[];

const endpointShape = {
  name: z.string().trim().min(1, "give the endpoint a name").max(100, "at most 100 characters"),
  baseUrl: baseUrlSchema,
  modelId: z.string().trim().min(1, "give the model id the server knows, like llama3.1:8b").max(200, "at most 200 characters"),
  // Write-only: never read back to a form. Header values are printable ASCII without spaces.
  apiKey: blankIsAbsent(
    z
      .string()
      .trim()
      .max(4_096, "at most 4096 characters")
      .regex(/^[\x21-\x7e]+$/, "an API key has no spaces or characters outside printable ASCII"),
  ),
  apiKeyEnv: blankIsAbsent(z.string().trim().max(100, "at most 100 characters").regex(API_KEY_ENV_PATTERN, API_KEY_ENV_MESSAGE)),
  // Send no key any more (servers without authentication).
  clearApiKey: z.boolean().optional(),
  ...samplingShape,
};

type KeyFields = { apiKey?: string; apiKeyEnv?: string; clearApiKey?: boolean };

// One source of the key at a time: a key typed here, or a variable that holds it, or none.
function checkKeyFields(input: KeyFields, ctx: z.RefinementCtx) {
  if (input.apiKey && input.apiKeyEnv)
    ctx.addIssue({ code: "custom", path: ["apiKeyEnv"], message: "give either an API key or the variable that holds it, not both" });
  if (input.clearApiKey && (input.apiKey || input.apiKeyEnv))
    ctx.addIssue({ code: "custom", path: ["clearApiKey"], message: "either remove the key or give a new one, not both" });
}

export const createEndpointSchema = z
  .strictObject(endpointShape)
  .partial()
  .required({ name: true, baseUrl: true, modelId: true })
  .extend({ timeoutSeconds: samplingShape.timeoutSeconds.default(60), maxConcurrent: samplingShape.maxConcurrent.default(4) })
  .superRefine(checkKeyFields);

// No defaults: a field left out of an update keeps its stored value.
export const updateEndpointSchema = z.strictObject(endpointShape).partial().superRefine(checkKeyFields);

export const endpointIdSchema = z.strictObject({ endpointId: z.uuid({ error: "not a model endpoint id" }) });

export type CreateEndpointInput = z.input<typeof createEndpointSchema>;
export type UpdateEndpointInput = z.input<typeof updateEndpointSchema>;
export type UpdateEndpointFields = z.output<typeof updateEndpointSchema>;

/** Stop sequences as one per line, with \n, \t and \\ for a line break, a tab and a backslash. */
export function stopListFromText(text: string): string[] {
  return text
    .split(/\r?\n/)
    .filter((line) => line !== "")
    .map(unescapeStop);
}

export function stopListToText(stop: string[]): string {
  return stop.map((entry) => entry.replace(/\\/g, "\\\\").replace(/\n/g, "\\n").replace(/\t/g, "\\t")).join("\n");
}

export function unescapeStop(entry: string): string {
  return entry.replace(/\\(\\|n|t)/g, (_, code: string) => (code === "n" ? "\n" : code === "t" ? "\t" : "\\"));
}

/**
 * The endpoint form's fields as the schemas take them. Empty numbers and an empty system prompt
 * mean the server's default (null); empty key fields keep the stored key; a field missing from the
 * form (a built-in endpoint's name and address) is left as it is.
 */
export function endpointInputFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => (form.has(name) ? String(form.get(name) ?? "") : undefined);
  const orNull = (name: string) => {
    const value = text(name);
    return value === undefined ? undefined : value.trim() === "" ? null : value;
  };
  const stop = text("stop");
  const systemPrompt = text("systemPrompt");
  const input: Record<string, unknown> = {
    name: text("name"),
    baseUrl: text("baseUrl"),
    modelId: text("modelId"),
    apiKey: text("apiKey") || undefined,
    apiKeyEnv: text("apiKeyEnv")?.trim() || undefined,
    clearApiKey: form.get("clearApiKey") === "on" || undefined,
    temperature: orNull("temperature"),
    topP: orNull("topP"),
    maxTokens: orNull("maxTokens"),
    stop: stop === undefined ? undefined : stopListFromText(stop),
    seed: orNull("seed"),
    systemPrompt: systemPrompt === undefined ? undefined : systemPrompt || null,
    timeoutSeconds: text("timeoutSeconds"),
    maxConcurrent: text("maxConcurrent"),
  };
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined));
}
