// Import side of HH-RLHF: {"chosen": transcript, "rejected": transcript} -> an item whose first
// candidate is the chosen response (reference rank 1) and second the rejected one (rank 2).
import { z } from "zod";
import { splitHhPair, TranscriptError } from "@/lib/formats/hh-rlhf";
import type { ItemInput } from "@/lib/formats/item";
import { fieldErrorsFromZod, type FieldError } from "@/lib/formats/zod-issues";

const recordSchema = z.object({
  chosen: z.string({ error: "expected a string" }),
  rejected: z.string({ error: "expected a string" }),
});

export function looksLikeHhRecord(value: unknown): boolean {
  return typeof value === "object" && value !== null && "chosen" in value && "rejected" in value && !("prompt" in value);
}

export function parseHhRecord(value: unknown): { item: ItemInput } | { errors: FieldError[] } {
  const parsed = recordSchema.safeParse(value);
  if (!parsed.success) return { errors: fieldErrorsFromZod(parsed.error) };
  try {
    const pair = splitHhPair(parsed.data.chosen, parsed.data.rejected);
    return {
      item: {
        externalId: null,
        context: pair.context,
        candidates: [
          { text: pair.chosen, model: null, meta: {}, referenceRank: 1 },
          { text: pair.rejected, model: null, meta: {}, referenceRank: 2 },
        ],
        meta: {},
      },
    };
  } catch (error) {
    if (error instanceof TranscriptError) return { errors: [{ field: "chosen", message: error.message }] };
    throw error;
  }
}
