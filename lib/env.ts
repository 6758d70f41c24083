// The environment, validated once. Secrets stay on the server: nothing here is NEXT_PUBLIC_.
import { z } from "zod";

const envSchema = z.object({
  DATABASE_URL: z
    .string({ error: "DATABASE_URL is not set: run `npm start`, or point it at a PostgreSQL database" })
    .regex(/^postgres(ql)?:\/\//, "DATABASE_URL must be a postgresql:// connection string"),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(20),
  // Origins besides MTurk's own that an MTurk link may post back to (a local stand-in in tests),
  // comma-separated; unset in production.
  MTURK_SUBMIT_HOSTS: z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((entry) => entry.trim())
        .filter(Boolean),
    ),
  // How fast the built-in demo models stream, like a real model would; 0 sends every token at once (tests).
  // Empty counts as unset: coercing "" would give 0 and silently turn the pacing off.
  DEMO_MODEL_TOKENS_PER_SECOND: z.preprocess(
    (value) => (value === "" ? undefined : value),
    z.coerce
      .number({ error: "DEMO_MODEL_TOKENS_PER_SECOND must be a number of tokens a second, like 30 (0 = no delay)" })
      .min(0, "DEMO_MODEL_TOKENS_PER_SECOND must be 0 (no delay) or more")
      .max(10_000, "DEMO_MODEL_TOKENS_PER_SECOND must be at most 10000 (use 0 for no delay)")
      .default(30),
  ),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function env(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    throw new Error(`Invalid environment: ${parsed.error.issues.map((i) => i.message).join("; ")}`);
  }
  cached = parsed.data;
  return cached;
}
