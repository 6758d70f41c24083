import { Readable } from "node:stream";
import type { ReadableStream as NodeReadableStream } from "node:stream/web";
import { apiRoute } from "@/lib/api/route";
import { jsonResponse } from "@/lib/api/responses";
import { importItems } from "@/lib/data/imports";
import { AppError } from "@/lib/errors";
import { IMPORT_FORMATS, type ImportFormat } from "@/lib/formats/import-formats";

/**
 * POST the file itself as the body (?format=auto|hh-rlhf|preflab&name=...). It is read as a
 * stream, never whole; a file with any bad line is refused with every error and nothing stored.
 */
export const POST = apiRoute<{ slug: string }>("batch:import", async ({ request, actor, params }) => {
  const query = new URL(request.url).searchParams;
  const format = query.get("format") ?? "auto";
  if (format !== "auto" && !(IMPORT_FORMATS as readonly string[]).includes(format)) {
    throw new AppError("INVALID_INPUT", `Unknown format "${format}": use auto, ${IMPORT_FORMATS.join(" or ")}`, [{ field: "format", message: "unknown format" }]);
  }
  if (!request.body) throw new AppError("INVALID_FILE", "The request has no file in its body");
  const result = await importItems({
    actor,
    projectSlug: params.slug,
    source: Readable.fromWeb(request.body as NodeReadableStream<Uint8Array>),
    batchName: query.get("name")?.trim() || `Import ${new Date().toISOString().slice(0, 16).replace("T", " ")}`,
    format: format as ImportFormat | "auto",
  });
  return jsonResponse({ batch: result }, { status: 201 });
});
