import { z } from "zod";
import { idSchema } from "@/lib/validations/ids";
import { ROLES } from "@/lib/validations/user";

export const MAX_INVITE_USES = 1000;
export const MAX_INVITE_DAYS = 90;

export const createInviteSchema = z.strictObject({
  role: z.enum(ROLES, { error: "role must be WORKER, RESEARCHER or ADMIN" }),
  maxUses: z.coerce
    .number({ error: "enter a number of people" })
    .int("a whole number of people")
    .min(1, "at least one person")
    .max(MAX_INVITE_USES, `at most ${MAX_INVITE_USES} people`),
  expiresInDays: z.coerce
    .number({ error: "enter a number of days" })
    .int("a whole number of days")
    .min(1, "at least one day")
    .max(MAX_INVITE_DAYS, `at most ${MAX_INVITE_DAYS} days`),
  // An empty select means no group.
  groupId: z.union([z.literal("").transform(() => undefined), idSchema("group")]).optional(),
});

export type CreateInviteInput = z.input<typeof createInviteSchema>;

export const inviteIdSchema = z.strictObject({ inviteId: idSchema("invite") });
