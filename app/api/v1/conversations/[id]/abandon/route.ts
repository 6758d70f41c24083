import { apiRoute } from "@/lib/api/route";
import { jsonResponse } from "@/lib/api/responses";
import { abandonConversation } from "@/lib/data/conversations";

/** POST: leave the conversation; answered turns stay, a turn in progress stops. */
export const POST = apiRoute<{ id: string }>("task:work", async ({ actor, params }) => {
  await abandonConversation({ actor, conversationId: params.id });
  return jsonResponse({ ok: true });
});
