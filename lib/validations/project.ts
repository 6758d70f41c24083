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
  pairwiseScale: z.enum(["EIGHT_POINT", "SEVEN_POINT", "BINARY"]).optional(),
  allowTies: z.boolean().optional(),
  allowBothBad: z.boolean().optional(),
  flagOptions: z
    .array(
      z.object({
        id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "flag ids use lowercase letters, digits and hyphens"),
        label: z.string().trim().min(1).max(60),
      }),
    )
    .max(12, "at most 12 flags")
    .refine((flags) => new Set(flags.map((flag) => flag.id)).size === flags.length, "flag ids must be unique")
    .optional(),
  rationaleMode: z.enum(["OFF", "OPTIONAL", "REQUIRED"]).optional(),
  rationaleMinLength: z.coerce.number().int().min(0).max(10_000).optional(),
});

/** "harmful:Harmful,wrong:Factually wrong" (the CLI's way to give flags). */
export function parseFlagList(list: string): { id: string; label: string }[] {
  return list
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, ...label] = entry.split(":");
      return { id: id.trim(), label: label.join(":").trim() || id.trim() };
    });
}

export type CreateProjectInput = z.input<typeof createProjectSchema>;
