import { apiRoute } from "@/lib/api/route";
import { jsonResponse } from "@/lib/api/responses";
import { getConversationView } from "@/lib/data/conversation-view";

/** GET: the conversation as its worker sees it (the turn in progress paced to its slowest sample). */
export const GET = apiRoute<{ id: string }>("task:work", async ({ actor, params }) => {
  return jsonResponse({ conversation: await getConversationView({ actor, conversationId: params.id }) });
});
