// The answer a worker sends, shared by the task page, the Server Action and the JSON API.
import { z } from "zod";

/** The 8-point scale, left to right: -4 "A is much better" ... 4 "B is much better"; no tie. */
export const STRENGTH_LEVELS = [-4, -3, -2, -1, 1, 2, 3, 4] as const;

export function responseLabel(index: number): string {
  return String.fromCharCode(65 + index);
}

const labelSchema = z.string().regex(/^[A-I]$/, "responses are labelled A to I");

export const submitJudgmentSchema = z
  .object({
    idempotencyKey: z
      .string({ error: "send an idempotency key (any unique string, 8 to 200 characters)" })
      .min(8, "idempotency keys have 8 to 200 characters")
      .max(200, "idempotency keys have 8 to 200 characters"),
    strength: z
      .number()
      .int()
      .refine((value) => (STRENGTH_LEVELS as readonly number[]).includes(value), "strength is -4..-1 (A better) or 1..4 (B better)")
      .optional(),
    ranking: z.array(labelSchema).min(2, "rank every response, best first").optional(),
    rationale: z.string().trim().max(10_000, "rationales have at most 10,000 characters").optional(),
  })
  .refine((answer) => (answer.strength === undefined) !== (answer.ranking === undefined), {
    message: "answer with either strength (pairs) or ranking (best first)",
    path: ["strength"],
  });

export type SubmitJudgmentInput = z.input<typeof submitJudgmentSchema>;
export type SubmitJudgmentAnswer = z.output<typeof submitJudgmentSchema>;
