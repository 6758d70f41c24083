import { withIdempotencyKeyHeader } from "@/lib/api/idempotency-key";
import { apiRoute } from "@/lib/api/route";
import { jsonResponse, readJsonBody } from "@/lib/api/responses";
import { submitJudgment } from "@/lib/data/judgments";
import { practiceFeedbackForWorker } from "@/lib/data/practice-feedback-view";

/**
 * POST: answer a task. The idempotency key comes in the body or the Idempotency-Key header; a
 * retry with the same key gets the same answer (and Idempotent-Replayed: true).
 */
export const POST = apiRoute<{ id: string }>("task:work", async ({ request, actor, params }) => {
  const input = withIdempotencyKeyHeader(request, await readJsonBody(request));
  const { replayed, practice, ...judgment } = await submitJudgment({ actor, assignmentId: params.id, input });
  // Only an item of the practice set has feedback; its reference is given in the worker's own labels.
  const feedback = practice ? { practice: await practiceFeedbackForWorker({ actor, assignmentId: params.id, practice }) } : {};
  return jsonResponse({ judgment, ...feedback }, { status: 201, headers: replayed ? { "idempotent-replayed": "true" } : {} });
});
