import { apiRoute } from "@/lib/api/route";
import { ndjsonProgressResponse } from "@/lib/api/ndjson-progress";
import { readJsonBody } from "@/lib/api/responses";
import { commitUpload } from "@/lib/data/uploads";
import { commitImportSchema } from "@/lib/validations/import";
import { parseInput } from "@/lib/validations/parse";

/** Imports a staged upload as a new DRAFT batch, all or nothing, with NDJSON progress lines. */
export const POST = apiRoute<{ id: string }>("batch:import", async ({ request, actor, params }) => {
  const input = parseInput(commitImportSchema, await readJsonBody(request));
  return ndjsonProgressResponse((onProgress) => commitUpload({ actor, uploadId: params.id, request: input, onProgress }));
});
