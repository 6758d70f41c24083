import { apiRoute } from "@/lib/api/route";
import { startExport } from "@/lib/data/exports";
import { AppError } from "@/lib/errors";
import { EXPORT_FORMATS, isExportFormat } from "@/lib/formats/export-formats";

/** GET ?format=hh-rlhf|trl: the project's judgments as a JSONL dataset, streamed. */
export const GET = apiRoute<{ slug: string }>("export:download", async ({ request, actor, params }) => {
  const format = new URL(request.url).searchParams.get("format") ?? "hh-rlhf";
  if (!isExportFormat(format)) {
    throw new AppError("INVALID_INPUT", `Unknown format "${format}": use one of ${EXPORT_FORMATS.join(", ")}`, [{ field: "format", message: "unknown format" }]);
  }
  const { exportId, filename, lines, cancel } = await startExport({ actor, projectSlug: params.slug, format });
  const encoder = new TextEncoder();
  // Pulled one line at a time: a slow client slows the database cursor instead of filling memory.
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    cancel,
  });
  return new Response(body, {
    headers: {
      "content-type": "application/jsonl; charset=utf-8",
      "content-disposition": `attachment; filename="${filename}"`,
      "cache-control": "no-store",
      "x-preflab-export-id": exportId,
    },
  });
});
