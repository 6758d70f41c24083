import { apiRoute } from "@/lib/api/route";
import { can } from "@/lib/auth/permissions";
import { findWorkerQuality } from "@/lib/data/quality/worker-judgments";
import { parseInput } from "@/lib/validations/parse";
import { qualityQuerySchema } from "@/lib/validations/quality";

/** GET ?limit=100: one worker's signals in the project and their latest judgments beside the others'. */
export const GET = apiRoute<{ slug: string; workerId: string }>("project:view", async ({ request, actor, params }) => {
  const { limit } = parseInput(qualityQuerySchema.pick({ limit: true }), Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await findWorkerQuality(params.slug, params.workerId, { limit, showEmails: can(actor.role, "user:manage") }), {
    headers: { "cache-control": "no-store" },
  });
});
