import { apiRoute } from "@/lib/api/route";
import { ndjsonProgressResponse } from "@/lib/api/ndjson-progress";
import { readJsonBody } from "@/lib/api/responses";
import { startUploadCommit } from "@/lib/data/uploads";
import { commitImportSchema } from "@/lib/validations/import";
import { parseInput } from "@/lib/validations/parse";

/**
 * Imports a staged upload as a new DRAFT batch, all or nothing, with NDJSON progress lines. A
 * second commit of the upload (after the first, or at the same time) is answered 410 GONE.
 */
export const POST = apiRoute<{ id: string }>("batch:import", async ({ request, actor, params }) => {
  const input = parseInput(commitImportSchema, await readJsonBody(request));
  const commit = await startUploadCommit({ actor, uploadId: params.id, request: input });
  return ndjsonProgressResponse(commit);
});
