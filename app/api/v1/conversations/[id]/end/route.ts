import { apiRoute } from "@/lib/api/route";
import { jsonResponse, readJsonBody } from "@/lib/api/responses";
import { endConversation } from "@/lib/data/conversations";

/** POST: end the conversation with its rating (helpful 1-5, red team 0-4) and an optional comment. */
export const POST = apiRoute<{ id: string }>("task:work", async ({ request, actor, params }) => {
  await endConversation({ actor, conversationId: params.id, input: await readJsonBody(request) });
  return jsonResponse({ ok: true });
});
