import { z } from "zod";

/** The query string of the quality routes: an optional batch, and how many of a worker's judgments to list. */
export const qualityQuerySchema = z.strictObject({
  batch: z.uuid({ error: "not a batch id" }).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});
