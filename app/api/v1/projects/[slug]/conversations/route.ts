import { apiRoute } from "@/lib/api/route";
import { jsonResponse, readJsonBody } from "@/lib/api/responses";
import { getConversationView } from "@/lib/data/conversation-view";
import { startConversation } from "@/lib/data/conversations";

/** POST: start a live conversation in the project, or get the one you have in progress there. */
export const POST = apiRoute<{ slug: string }>("task:work", async ({ request, actor, params }) => {
  // The body is optional: only red-team projects take one (their plan).
  const body = await readJsonBody(request, { empty: {} });
  const { conversationId, created } = await startConversation({ actor, projectSlug: params.slug, input: body });
  return jsonResponse({ conversation: await getConversationView({ actor, conversationId }) }, { status: created ? 201 : 200 });
});
