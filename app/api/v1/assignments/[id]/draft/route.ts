import { apiRoute } from "@/lib/api/route";
import { jsonResponse, readJsonBody } from "@/lib/api/responses";
import { saveDraft } from "@/lib/data/leases";

/** PUT: save the answer in progress (the task page does this as the worker types). */
export const PUT = apiRoute<{ id: string }>("task:work", async ({ request, actor, params }) =>
  jsonResponse(await saveDraft({ actor, assignmentId: params.id, draft: await readJsonBody(request) })),
);
