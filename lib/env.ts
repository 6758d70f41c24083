// The environment, validated in one place. The server checks it as it starts (instrumentation.ts) and
// `npm start` before doing any work, so a bad value stops them with a message naming the variable.
// Secrets stay on the server: nothing here is NEXT_PUBLIC_, and no message repeats a secret or a connection string.
import { isIP } from "node:net";
import { z } from "zod";
import { isRateLimitPolicyName, RATE_LIMIT_POLICY_NAMES, type RateLimitPolicyName } from "@/lib/rate-limit-policies";

type Parsed<T> = { value: T } | { problem: string };

/** An optional variable; empty counts as unset. The problem is said after the variable's name. */
function variable<T, F>(parse: (raw: string) => Parsed<T>, fallback: F) {
  return z
    .string()
    .optional()
    .transform((raw, ctx): T | F => {
      if (raw === undefined || raw.trim() === "") return fallback;
      const parsed = parse(raw);
      if ("value" in parsed) return parsed.value;
      ctx.addIssue({ code: "custom", message: parsed.problem });
      return z.NEVER;
    });
}

function wholeNumber({ min, max, unit }: { min: number; max: number; unit?: string }) {
  return (raw: string): Parsed<number> => {
    const text = raw.trim();
    if (!/^\d+$/.test(text)) return { problem: `must be a whole number${unit ? ` of ${unit}` : ""}, got '${raw}'` };
    const value = Number(text);
    if (value < min || value > max) return { problem: `must be from ${min} to ${max}${unit ? ` ${unit}` : ""}, got '${raw}'` };
    return { value };
  };
}

function text(raw: string): Parsed<string> {
  return { value: raw };
}

// The value is not shown: a connection string may hold a password.
function databaseUrl(raw: string): Parsed<string> {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (url && (url.protocol === "postgresql:" || url.protocol === "postgres:") && url.host) return { value: raw };
  return {
    problem:
      "must be a PostgreSQL connection string like postgresql://user:password@localhost:5432/preflab (the value is not repeated: it may hold a password)",
  };
}

const AUTH_SECRET_MIN_LENGTH = 32;

function authSecret(raw: string): Parsed<string> {
  if (raw.length >= AUTH_SECRET_MIN_LENGTH) return { value: raw };
  return { problem: `must be at least ${AUTH_SECRET_MIN_LENGTH} characters (make one with \`openssl rand -base64 32\`), got ${raw.length}` };
}

// MTurk's own origins are always allowed; these are extra ones, for a local stand-in in tests.
function origins(raw: string): Parsed<readonly string[]> {
  const entries = raw
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const url = URL.canParse(entry) ? new URL(entry) : null;
    const isOrigin = url && (url.protocol === "http:" || url.protocol === "https:") && url.pathname === "/" && !url.search && !url.hash && !url.username;
    if (!isOrigin) return { problem: `must be comma-separated origins like http://127.0.0.1:4100, got '${entry}'` };
  }
  return { value: entries };
}

function rate(raw: string): Parsed<number> {
  const value = Number(raw.trim());
  if (!Number.isFinite(value) || value < 0 || value > 10_000)
    return { problem: `must be a number of tokens a second from 0 (no delay) to 10000, got '${raw}'` };
  return { value };
}

function httpOrigin(raw: string): Parsed<string> {
  const url = URL.canParse(raw) ? new URL(raw) : null;
  if (url && (url.protocol === "http:" || url.protocol === "https:") && url.pathname === "/" && !url.search) return { value: url.origin };
  return { problem: `must be an origin like http://127.0.0.1:3000, got '${raw}'` };
}

// An address `next start -H` can listen on: an IPv4 or IPv6 address (brackets optional) or a host name.
function listenHost(raw: string): Parsed<string> {
  const text = raw.trim().replace(/^\[(.*)\]$/, "$1");
  if (isIP(text) || /^[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*$/.test(text)) return { value: text };
  return { problem: `must be an address to listen on, like 127.0.0.1, 0.0.0.0 or ::, got '${raw}'` };
}

// next.config.js joins it to the project folder, so an absolute path or one leaving the folder would not go where it says.
function buildFolder(raw: string): Parsed<string> {
  if (raw.startsWith("/") || raw.split(/[\\/]/).includes("..")) return { problem: `must be a folder inside the project, like .next-test, got '${raw}'` };
  return { value: raw };
}

// "true" is one proxy, "false" none: how many proxies in front of the app add to X-Forwarded-For.
function proxyCount(raw: string): Parsed<number> {
  const text = raw.trim().toLowerCase();
  if (text === "true" || text === "false") return { value: text === "true" ? 1 : 0 };
  if (/^\d+$/.test(text) && Number(text) <= 10) return { value: Number(text) };
  return { problem: `must be true, false or how many proxies in front of the app (0 to 10), got '${raw}'` };
}

type RateLimitOverrides = Partial<Record<RateLimitPolicyName, number>>;

// "api-token=1200,sign-in-client=100": a limit's attempts per window, by the names in lib/rate-limit-policies.ts.
function rateLimits(raw: string): Parsed<RateLimitOverrides> {
  const overrides: RateLimitOverrides = {};
  for (const entry of raw
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [name = "", count = "", ...rest] = entry.split("=").map((part) => part.trim());
    if (!isRateLimitPolicyName(name)) return { problem: `names no known limit in '${entry}' (the limits: ${RATE_LIMIT_POLICY_NAMES.join(", ")})` };
    if (rest.length > 0 || !/^\d+$/.test(count) || Number(count) < 1 || Number(count) > 1_000_000) {
      return { problem: `must be name=count pairs with counts from 1 to 1000000, like api-token=1200, got '${entry}'` };
    }
    overrides[name] = Number(count);
  }
  return { value: overrides };
}

export const envSchema = z.object({
  DATABASE_URL: variable(databaseUrl, undefined),
  DATABASE_POOL_SIZE: variable(wholeNumber({ min: 1, max: 200, unit: "connections" }), 20),
  // How long to wait for a connection (a new one, or a free one from a full pool) before answering 503.
  DATABASE_CONNECT_TIMEOUT_SECONDS: variable(wholeNumber({ min: 1, max: 600, unit: "seconds" }), 10),
  // Limits PostgreSQL enforces on every pooled session (0 turns one off); imports and exports set their own.
  DATABASE_STATEMENT_TIMEOUT_SECONDS: variable(wholeNumber({ min: 0, max: 86_400, unit: "seconds" }), 60),
  DATABASE_IDLE_IN_TRANSACTION_TIMEOUT_SECONDS: variable(wholeNumber({ min: 0, max: 86_400, unit: "seconds" }), 60),
  AUTH_SECRET: variable(authSecret, undefined),
  PORT: variable(wholeNumber({ min: 1, max: 65535 }), 3000),
  // Where `npm start` listens; unset, on 127.0.0.1 with the demo accounts and on every interface without.
  HOST: variable(listenHost, undefined),
  // How many app processes `npm start` runs behind its one port (its --processes flag says the same).
  PREFLAB_PROCESSES: variable(wholeNumber({ min: 1, max: 64, unit: "processes" }), 1),
  EXPORT_DIR: variable(text, undefined),
  EXPORT_RETENTION_DAYS: variable(wholeNumber({ min: 1, max: 3650, unit: "days" }), 7),
  // Streamed exports at once per app process; one more asks for 503 BUSY. Each holds one export connection.
  EXPORT_MAX_STREAMS: variable(wholeNumber({ min: 1, max: 100, unit: "streams" }), 4),
  // An export whose reader takes nothing for this long is given up: its snapshot and connection are freed.
  EXPORT_STALL_TIMEOUT_SECONDS: variable(wholeNumber({ min: 1, max: 3600, unit: "seconds" }), 60),
  UPLOAD_DIR: variable(text, undefined),
  MTURK_SUBMIT_HOSTS: variable(origins, [] as readonly string[]),
  PREFLAB_BUILD_DIR: variable(buildFolder, ".next"),
  // How fast the built-in demo models stream, like a real model would; 0 sends every token at once.
  DEMO_MODEL_TOKENS_PER_SECOND: variable(rate, 30),
  // How the app reaches itself (the built-in demo models are served by it); default http://127.0.0.1:PORT.
  PREFLAB_INTERNAL_URL: variable(httpOrigin, undefined),
  // Proxies trusted to say who the client is (lib/client-address.ts); 0: the app faces clients itself.
  TRUST_PROXY: variable(proxyCount, 0),
  // Overrides of the rate limits' counts (lib/rate-limit-policies.ts).
  RATE_LIMITS: variable(rateLimits, {} as RateLimitOverrides),
  // scrypt's N as a power of two. 17 is OWASP's recommendation; tests lower it to run fast.
  PASSWORD_HASH_COST: variable(wholeNumber({ min: 14, max: 20 }), 17),
  // New participant accounts study links may make for one client address in an hour.
  STUDY_ACCOUNTS_PER_CLIENT_HOUR: variable(wholeNumber({ min: 1, max: 100_000, unit: "accounts" }), 5),
});

export type Env = z.infer<typeof envSchema>;
type Variable = keyof Env;

const VARIABLES = Object.keys(envSchema.shape) as Variable[];

const MISSING: Partial<Record<Variable, string>> = {
  DATABASE_URL: "DATABASE_URL is not set: run `npm start`, or point it at a PostgreSQL database",
  AUTH_SECRET: "AUTH_SECRET is not set: `npm start` makes one, or set it (make one with `openssl rand -base64 32`)",
};

/** A bad environment: every problem, each naming its variable. */
export class EnvError extends Error {
  readonly problems: string[];

  constructor(problems: string[]) {
    super(problems.join("; "));
    this.name = "EnvError";
    this.problems = problems;
  }
}

/** Parses an environment; `require` names the variables that must be set as well as valid. */
export function parseEnv(source: Record<string, string | undefined>, { require = [] }: { require?: Variable[] } = {}): Env {
  const parsed = envSchema.safeParse(source);
  const problems = parsed.success ? [] : parsed.error.issues.map((issue) => `${issue.path.join(".")} ${issue.message}`);
  for (const name of require) {
    if (!source[name]?.trim()) problems.push(MISSING[name] ?? `${name} is not set`);
  }
  if (!parsed.success || problems.length > 0) throw new EnvError(problems);
  return parsed.data;
}

let cached: { key: string; env: Env } | undefined;

/**
 * The process's environment, validated. It is parsed again only when one of its variables changes:
 * `npm start` and the CLI set DATABASE_URL once they have a database, and tests point EXPORT_DIR and
 * UPLOAD_DIR at their own folders.
 */
export function env(): Env {
  const key = JSON.stringify(VARIABLES.map((name) => process.env[name] ?? null));
  if (cached?.key !== key) cached = { key, env: parseEnv(process.env) };
  return cached.env;
}

/** Checks the whole environment now, and that the variables in `require` are set; throws EnvError. */
export function validateEnv({ require = [] }: { require?: Variable[] } = {}): Env {
  return parseEnv(process.env, { require });
}

export function requireDatabaseUrl(): string {
  return env().DATABASE_URL ?? failMissing("DATABASE_URL");
}

export function requireAuthSecret(): string {
  return env().AUTH_SECRET ?? failMissing("AUTH_SECRET");
}

function failMissing(name: Variable): never {
  throw new EnvError([MISSING[name] ?? `${name} is not set`]);
}
