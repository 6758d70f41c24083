import { apiRoute } from "@/lib/api/route";
import { can } from "@/lib/auth/permissions";
import { findProjectQuality } from "@/lib/data/quality/project-quality";
import { parseInput } from "@/lib/validations/parse";
import { qualityQuerySchema } from "@/lib/validations/quality";

/** GET ?batch=<id>: every quality figure of the project (or one batch), as the Quality page shows them. */
export const GET = apiRoute<{ slug: string }>("project:view", async ({ request, actor, params }) => {
  const { batch } = parseInput(qualityQuerySchema.pick({ batch: true }), Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await findProjectQuality(params.slug, { batchId: batch ?? null, showEmails: can(actor.role, "user:manage") }), {
    headers: { "cache-control": "no-store" },
  });
});
