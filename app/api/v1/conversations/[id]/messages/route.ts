import { withIdempotencyKeyHeader } from "@/lib/api/idempotency-key";
import { apiRoute } from "@/lib/api/route";
import { jsonResponse, readJsonBody } from "@/lib/api/responses";
import { sendMessage } from "@/lib/data/conversation-turns";

/**
 * POST: send the next message; its samples start generating on the server. The idempotency key comes
 * in the body or the Idempotency-Key header: a retry gets the same turn (Idempotent-Replayed: true).
 * Follow the samples at .../turns/{turnId}/events.
 */
export const POST = apiRoute<{ id: string }>("task:work", async ({ request, actor, params }) => {
  const input = withIdempotencyKeyHeader(request, await readJsonBody(request));
  const { replayed, ...turn } = await sendMessage({ actor, conversationId: params.id, input });
  return jsonResponse({ turn }, { status: 202, headers: replayed ? { "idempotent-replayed": "true" } : {} });
});
