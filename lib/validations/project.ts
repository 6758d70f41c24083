import { z } from "zod";

export const slugSchema = z
  .string()
  .trim()
  .min(2, "slugs need at least 2 characters")
  .max(60, "slugs have at most 60 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lowercase letters, digits and single hyphens, like helpful-v1");

export const createProjectSchema = z.object({
  slug: slugSchema,
  name: z.string().trim().min(1, "give the project a name").max(200),
  instructions: z.string().max(100_000).optional(),
  question: z.string().trim().min(1).max(500).optional(),
  polarity: z.enum(["HELPFUL", "HARMLESS", "RED_TEAM", "CUSTOM"]).optional(),
  judgmentKind: z.enum(["PAIRWISE", "RANKING"]).optional(),
  judgmentsPerItem: z.coerce.number().int().min(1, "k is at least 1").max(100, "k is at most 100").optional(),
  leaseSeconds: z.coerce.number().int().min(30).max(86_400).optional(),
});

export type CreateProjectInput = z.input<typeof createProjectSchema>;
