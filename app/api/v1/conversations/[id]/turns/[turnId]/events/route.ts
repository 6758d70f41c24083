import { apiRoute } from "@/lib/api/route";
import { assertOwnTurn } from "@/lib/data/turn-progress";
import { turnEventStream } from "@/lib/models/turn-event-stream";

export const dynamic = "force-dynamic";

/**
 * GET: the turn's samples as server-sent events, paced to the slowest, labels and text only. Reconnect
 * with Last-Event-ID (EventSource does) to resume where the stream stopped; see docs/api.md.
 */
export const GET = apiRoute<{ id: string; turnId: string }>("task:work", async ({ request, actor, params }) => {
  await assertOwnTurn({ actor, conversationId: params.id, turnId: params.turnId });
  const lastEventId = request.headers.get("last-event-id") ?? new URL(request.url).searchParams.get("lastEventId");
  return new Response(turnEventStream({ turnId: params.turnId, lastEventId, signal: request.signal }), {
    headers: { "content-type": "text/event-stream; charset=utf-8", "cache-control": "no-store, no-transform", "x-accel-buffering": "no" },
  });
});
