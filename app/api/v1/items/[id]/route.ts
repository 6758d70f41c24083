import { apiRoute } from "@/lib/api/route";
import { jsonResponse, readJsonBody } from "@/lib/api/responses";
import { setItemRole } from "@/lib/data/item-roles";
import { setItemRoleBodySchema } from "@/lib/validations/item-role";
import { parseInput } from "@/lib/validations/parse";

/**
 * PATCH { role, best?, note? }: makes the item a task or a check item (gold, attention, practice),
 * with its reference preference (best = the best response's id) and note. A check item without a
 * usable reference is refused (422, naming best); unknown fields are refused by name.
 */
export const PATCH = apiRoute<{ id: string }>("project:manage", async ({ request, actor, params }) => {
  const body = parseInput(setItemRoleBodySchema, await readJsonBody(request));
  return jsonResponse({ item: await setItemRole({ actor, itemId: params.id, ...body }) });
});
