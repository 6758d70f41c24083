import { withIdempotencyKeyHeader } from "@/lib/api/idempotency-key";
import { apiRoute } from "@/lib/api/route";
import { jsonResponse, readJsonBody } from "@/lib/api/responses";
import { submitJudgment } from "@/lib/data/judgments";

/**
 * POST: answer a task. The idempotency key comes in the body or the Idempotency-Key header; a
 * retry with the same key gets the same answer (and Idempotent-Replayed: true).
 */
export const POST = apiRoute<{ id: string }>("task:work", async ({ request, actor, params }) => {
  const input = withIdempotencyKeyHeader(request, await readJsonBody(request));
  const { replayed, ...judgment } = await submitJudgment({ actor, assignmentId: params.id, input });
  return jsonResponse({ judgment }, { status: 201, headers: replayed ? { "idempotent-replayed": "true" } : {} });
});
