import { apiRoute } from "@/lib/api/route";
import { jsonResponse, readJsonBody } from "@/lib/api/responses";
import { skipTask } from "@/lib/data/leases";

/** POST {"reason"}: give the task back to the pool for others; you will not be offered it again. */
export const POST = apiRoute<{ id: string }>("task:work", async ({ request, actor, params }) => {
  await skipTask({ actor, assignmentId: params.id, input: await readJsonBody(request) });
  return jsonResponse({ skipped: true });
});
