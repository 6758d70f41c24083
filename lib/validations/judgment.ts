// The answer a worker sends, shared by the Server Actions, the JSON API and the CLI. What a
// project allows (its scale, ties, "both bad", flags, rationale) is checked on the server by
// lib/data/interpret-answer.ts. Objects are strict: a misspelt field ("strenght") is refused, not
// dropped, and every list and text has a bound.
import { z } from "zod";
import { MAX_RESPONSES } from "@/lib/judgment-scales";

const labelSchema = z.string().regex(/^[A-I]$/, "responses are labelled A to I");

const rankingSchema = z
  .array(z.union([labelSchema, z.array(labelSchema).min(1, "a tie needs at least one response").max(MAX_RESPONSES)]), { error: "expected labels, best first" })
  .min(1, "rank every response, best first")
  .max(MAX_RESPONSES);

const flagsSchema = z.record(labelSchema, z.array(z.string().max(60)).max(20), { error: 'expected { "A": ["flag id", ...] }' });

const rationaleSchema = z.string().trim().max(10_000, "rationales have at most 10,000 characters");

export const submitJudgmentSchema = z
  .strictObject({
    idempotencyKey: z
      .string({ error: "send an idempotency key (any unique string, 8 to 200 characters)" })
      .min(8, "idempotency keys have 8 to 200 characters")
      .max(200, "idempotency keys have 8 to 200 characters"),
    strength: z.number({ error: "expected a number" }).int("expected a whole number").min(-4).max(4).optional(),
    ranking: rankingSchema.optional(),
    bothBad: z.boolean().optional(),
    flags: flagsSchema.optional(),
    rationale: rationaleSchema.optional(),
  })
  .refine((answer) => [answer.strength !== undefined, answer.ranking !== undefined, answer.bothBad === true].filter(Boolean).length === 1, {
    message: 'answer with exactly one of "strength" (pairs), "ranking" (best first) or "bothBad": true',
    path: ["strength"],
  });

export type SubmitJudgmentInput = z.input<typeof submitJudgmentSchema>;
export type SubmitJudgmentAnswer = z.output<typeof submitJudgmentSchema>;

/** Work in progress, saved as the worker goes: everything optional, nothing checked against the project yet. */
export const draftSchema = z.strictObject({
  strength: z.number().int().min(-4).max(4).nullable().optional(),
  ranking: z.array(z.array(labelSchema).max(MAX_RESPONSES)).max(MAX_RESPONSES).optional(),
  bothBad: z.boolean().optional(),
  flags: flagsSchema.optional(),
  rationale: z.string().max(10_000, "rationales have at most 10,000 characters").optional(),
});

export type Draft = z.output<typeof draftSchema>;

export const skipSchema = z.strictObject({
  reason: z.string().trim().min(1, "say why you skip").max(500, "reasons have at most 500 characters"),
});
