import { apiRoute } from "@/lib/api/route";
import { jsonResponse } from "@/lib/api/responses";
import { claimNextTask, findTaskForWorker } from "@/lib/data/assignments";

/** POST: lease the next task of the project (or the one you already hold). */
export const POST = apiRoute<{ slug: string }>("task:work", async ({ actor, params }) => {
  const assignmentId = await claimNextTask({ actor, projectSlug: params.slug });
  if (!assignmentId) return jsonResponse({ task: null, message: "No task is open to you in this project right now" });
  return jsonResponse({ task: await findTaskForWorker({ actor, assignmentId }) });
});
