import { Readable } from "node:stream";
import { apiRoute } from "@/lib/api/route";
import { streamExport } from "@/lib/data/exports";
import { optionsFromQuery } from "@/lib/exports/options-from-query";

/**
 * GET ?format=trl&fileType=jsonl&aggregation=majority&...: the project's judgments as a dataset,
 * streamed as it is made (see docs/api.md for every option). ?projects=a,b adds more projects.
 */
export const GET = apiRoute<{ slug: string }>("export:download", async ({ request, actor, params }) => {
  const query = new URL(request.url).searchParams;
  const { exportId, filename, contentType, body } = await streamExport({
    actor,
    input: optionsFromQuery(query, { format: "hh-rlhf", projects: [params.slug] }),
  });
  return new Response(Readable.toWeb(body) as ReadableStream<Uint8Array>, {
    headers: {
      "content-type": contentType,
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-preflab-export-id": exportId,
    },
  });
});
