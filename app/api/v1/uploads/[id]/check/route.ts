import { apiRoute } from "@/lib/api/route";
import { ndjsonProgressResponse } from "@/lib/api/ndjson-progress";
import { readJsonBody } from "@/lib/api/responses";
import { startUploadCheck } from "@/lib/data/uploads";
import { importRequestSchema } from "@/lib/validations/import";
import { parseInput } from "@/lib/validations/parse";

/**
 * Validates a staged upload, streamed: NDJSON progress lines, then the report or the line errors.
 * What is refused before the file is read (no such upload, imported already, a mapping naming
 * missing columns) is answered with its HTTP status.
 */
export const POST = apiRoute<{ id: string }>("batch:import", async ({ request, actor, params }) => {
  const input = parseInput(importRequestSchema, await readJsonBody(request));
  const check = await startUploadCheck({ actor, uploadId: params.id, request: input });
  return ndjsonProgressResponse(check);
});
