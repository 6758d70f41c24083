import { apiRoute } from "@/lib/api/route";
import { jsonResponse, readJsonBody } from "@/lib/api/responses";
import { saveConversationDraft } from "@/lib/data/conversations";

/** PUT: keep the message being typed. */
export const PUT = apiRoute<{ id: string }>("task:work", async ({ request, actor, params }) => {
  return jsonResponse(await saveConversationDraft({ actor, conversationId: params.id, input: await readJsonBody(request) }));
});
