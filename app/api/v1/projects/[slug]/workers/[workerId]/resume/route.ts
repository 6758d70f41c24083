import { apiRoute } from "@/lib/api/route";
import { jsonResponse } from "@/lib/api/responses";
import { resumeWorker } from "@/lib/data/worker-standings";

/** POST: let a paused worker take tasks in the project again, with a fresh gold window (admins). */
export const POST = apiRoute<{ slug: string; workerId: string }>("user:manage", async ({ actor, params }) =>
  jsonResponse({ standing: await resumeWorker({ actor, projectSlug: params.slug, workerId: params.workerId }) }),
);
