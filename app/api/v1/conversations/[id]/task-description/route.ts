import { apiRoute } from "@/lib/api/route";
import { jsonResponse, readJsonBody } from "@/lib/api/responses";
import { setTaskDescription } from "@/lib/data/conversations";

/** PUT: a red-team conversation's plan, before its first message. */
export const PUT = apiRoute<{ id: string }>("task:work", async ({ request, actor, params }) => {
  await setTaskDescription({ actor, conversationId: params.id, input: await readJsonBody(request) });
  return jsonResponse({ ok: true });
});
