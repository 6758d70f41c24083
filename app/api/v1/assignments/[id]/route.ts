import { apiRoute } from "@/lib/api/route";
import { jsonResponse } from "@/lib/api/responses";
import { findTaskForWorker } from "@/lib/data/assignments";

/** GET: one of your own tasks, as you see it (blind: labels and texts only). */
export const GET = apiRoute<{ id: string }>("task:work", async ({ actor, params }) =>
  jsonResponse({ task: await findTaskForWorker({ actor, assignmentId: params.id }) }),
);
