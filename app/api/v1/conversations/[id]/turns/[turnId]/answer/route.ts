import { apiRoute } from "@/lib/api/route";
import { jsonResponse, readJsonBody } from "@/lib/api/responses";
import { answerTurn } from "@/lib/data/conversation-answer";

/**
 * POST: answer the turn like any task ({ answer: { strength | ranking, ..., idempotencyKey }, editedReply? });
 * the pick, or your edit of it, is what the conversation goes on with.
 */
export const POST = apiRoute<{ id: string; turnId: string }>("task:work", async ({ request, actor, params }) => {
  const { replayed, ...answered } = await answerTurn({ actor, conversationId: params.id, turnId: params.turnId, input: await readJsonBody(request) });
  return jsonResponse({ turn: answered }, { status: 201, headers: replayed ? { "idempotent-replayed": "true" } : {} });
});
