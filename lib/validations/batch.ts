import { z } from "zod";
import { idSchema } from "@/lib/validations/ids";
import { pageNumberSchema } from "@/lib/validations/page";
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
  page: pageNumberSchema(100_000),
});

export type SetBatchStatusInput = z.input<typeof setBatchStatusSchema>;
export type SetBatchPriorityInput = z.input<typeof setBatchPrioritySchema>;
