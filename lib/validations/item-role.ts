// Marking one item as a task or a check item (gold, attention, practice): the batch page and the API.
import { z } from "zod";
import { ITEM_ROLES } from "@/lib/formats/reference-preference";
import { idSchema } from "@/lib/validations/ids";

export const MAX_REFERENCE_NOTE_CHARS = 10_000;

/** The body of PATCH /api/v1/items/{id}; strict, so a misspelt field is refused by name. */
export const setItemRoleBodySchema = z.strictObject({
  role: z.enum(ITEM_ROLES, { error: `use ${ITEM_ROLES.join(", ")}` }),
  /** The best response's candidate id: it gets reference rank 1 and every other response 2. */
  best: idSchema("response").optional(),
  /** Why the reference is right, shown after a practice answer; null or "" removes it, absent keeps it. */
  note: z.string({ error: "expected a string" }).max(MAX_REFERENCE_NOTE_CHARS, `at most ${MAX_REFERENCE_NOTE_CHARS} characters`).nullable().optional(),
});

export const setItemRoleSchema = setItemRoleBodySchema.extend({ itemId: idSchema("item") });

export type SetItemRoleInput = z.input<typeof setItemRoleSchema>;
