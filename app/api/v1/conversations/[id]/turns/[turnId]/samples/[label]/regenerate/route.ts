import { apiRoute } from "@/lib/api/route";
import { jsonResponse } from "@/lib/api/responses";
import { regenerateSample } from "@/lib/data/conversation-turns";

/** POST: generate a failed sample again (the same position, a new attempt). */
export const POST = apiRoute<{ id: string; turnId: string; label: string }>("task:work", async ({ actor, params }) => {
  await regenerateSample({ actor, conversationId: params.id, turnId: params.turnId, label: params.label });
  return jsonResponse({ ok: true }, { status: 202 });
});
