import { streamRequestBody } from "@/lib/api/request-body";
import { apiRoute } from "@/lib/api/route";
import { jsonResponse } from "@/lib/api/responses";
import { importItems } from "@/lib/data/imports";
import { AppError } from "@/lib/errors";
import { IMPORT_MAX_BYTES } from "@/lib/formats/import-limits";
import { commitImportSchema, parseMappingText } from "@/lib/validations/import";
import { parseInput } from "@/lib/validations/parse";

const YES = new Set(["1", "true", "yes"]);

function mappingFromQuery(text: string | null): unknown {
  if (text === null) return undefined;
  try {
    return parseMappingText(text);
  } catch (error) {
    throw new AppError("INVALID_INPUT", (error as Error).message, [{ field: "map", message: (error as Error).message }]);
  }
}

/**
 * One request for scripts: POST the file itself as the body
 * (?format=auto|hh-rlhf|preflab|trl|csv&map=...&name=...&skipDuplicates=1&activate=1&role=gold). It is read as
 * a stream, never whole, and never past 1 GB (413, before reading when Content-Length says so); a
 * file with any bad line is refused with every error and nothing stored. The batch is a DRAFT
 * unless activate=1.
 */
export const POST = apiRoute<{ slug: string }>("batch:import", async ({ request, actor, params }) => {
  const query = new URL(request.url).searchParams;
  const input = parseInput(commitImportSchema, {
    format: query.get("format") ?? "auto",
    mapping: mappingFromQuery(query.get("map")),
    skipDuplicates: YES.has(query.get("skipDuplicates") ?? ""),
    activate: YES.has(query.get("activate") ?? ""),
    name: query.get("name") ?? undefined,
    role: query.get("role") ?? undefined,
  });
  if (!request.body) throw new AppError("INVALID_FILE", "The request has no file in its body");
  const body = streamRequestBody(request, IMPORT_MAX_BYTES);
  try {
    const result = await importItems({
      actor,
      projectSlug: params.slug,
      source: body.source,
      totalBytes: body.declaredBytes,
      batchName: input.name || `Import ${new Date().toISOString().slice(0, 16).replace("T", " ")}`,
      format: input.format,
      mapping: input.mapping,
      skipDuplicates: input.skipDuplicates,
      activate: input.activate,
      role: input.role,
    });
    return jsonResponse({ batch: result }, { status: 201 });
  } finally {
    await body.finish();
  }
});
