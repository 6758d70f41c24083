import { apiRoute } from "@/lib/api/route";
import { findProjectQuality } from "@/lib/data/quality/project-quality";
import { parseInput } from "@/lib/validations/parse";
import { qualityQuerySchema } from "@/lib/validations/quality";

/** GET ?batch=<id>: every quality figure of the project (or one batch), as the Quality page shows them. */
export const GET = apiRoute<{ slug: string }>("project:view", async ({ request, params }) => {
  const { batch } = parseInput(qualityQuerySchema.pick({ batch: true }), Object.fromEntries(new URL(request.url).searchParams));
  return Response.json(await findProjectQuality(params.slug, { batchId: batch ?? null }), { headers: { "cache-control": "no-store" } });
});
