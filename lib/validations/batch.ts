import { z } from "zod";
import { idSchema } from "@/lib/validations/ids";
import { BATCH_STATUSES } from "@/lib/data/batch-transitions";

export const batchIdSchema = idSchema("batch");

export const setBatchStatusSchema = z.strictObject({
  batchId: batchIdSchema,
  status: z.enum(BATCH_STATUSES),
});

export const setBatchPrioritySchema = z.strictObject({
  batchId: batchIdSchema,
  // Claims take batches by priority, highest first; equal priorities go oldest first.
  priority: z.coerce.number().int("a whole number").min(-1000).max(1000),
});

export const batchItemsPageSchema = z.object({
  batchId: batchIdSchema,
  page: z.coerce.number().int().min(1).max(100_000).catch(1),
});

export type SetBatchStatusInput = z.input<typeof setBatchStatusSchema>;
export type SetBatchPriorityInput = z.input<typeof setBatchPrioritySchema>;
