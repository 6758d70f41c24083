import { apiRoute } from "@/lib/api/route";
import { jsonResponse } from "@/lib/api/responses";
import { allowQualificationRetry } from "@/lib/data/worker-standings";

/** POST: give a worker who failed the practice set another go; their practice answers are deleted (admins). */
export const POST = apiRoute<{ slug: string; workerId: string }>("user:manage", async ({ actor, params }) =>
  jsonResponse(await allowQualificationRetry({ actor, projectSlug: params.slug, workerId: params.workerId })),
);
