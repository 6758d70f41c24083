// Sending a DIALOGUE project's answered turns to another project for second opinions: shared by the
// admin page's form, its Server Action and the CLI.
import { z } from "zod";
import { slugSchema } from "@/lib/validations/project";

export const sendTurnsForReviewSchema = z
  .strictObject({
    sourceProjectSlug: slugSchema,
    targetProjectSlug: slugSchema,
    // Judgments wanted per copied turn; the target project's own k when left out.
    k: z.coerce.number().int("k is a whole number").min(1, "k is at least 1").max(100, "k is at most 100").optional(),
    includeEdits: z.boolean().default(false),
  })
  .refine((input) => input.sourceProjectSlug !== input.targetProjectSlug, {
    message: "choose another project: a project cannot review its own turns",
    path: ["targetProjectSlug"],
  });

export type SendTurnsForReviewInput = z.input<typeof sendTurnsForReviewSchema>;
