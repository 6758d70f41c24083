import { apiRoute } from "@/lib/api/route";
import { ndjsonProgressResponse } from "@/lib/api/ndjson-progress";
import { readJsonBody } from "@/lib/api/responses";
import { checkUpload } from "@/lib/data/uploads";
import { importRequestSchema } from "@/lib/validations/import";
import { parseInput } from "@/lib/validations/parse";

/** Validates a staged upload, streamed: NDJSON progress lines, then the report or the line errors. */
export const POST = apiRoute<{ id: string }>("batch:import", async ({ request, actor, params }) => {
  const input = parseInput(importRequestSchema, await readJsonBody(request));
  return ndjsonProgressResponse((onProgress) => checkUpload({ actor, uploadId: params.id, request: input, onProgress }));
});
