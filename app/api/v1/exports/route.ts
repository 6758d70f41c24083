import { apiRoute } from "@/lib/api/route";
import { jsonResponse, readJsonBody } from "@/lib/api/responses";
import { findRecentExports, queueExport } from "@/lib/data/exports";

/** GET: recent exports, newest first. */
export const GET = apiRoute("export:download", async () => jsonResponse({ exports: await findRecentExports() }));

/** POST {format, fileType, projects, ...options}: start a background export; poll GET /api/v1/exports/{id}. */
export const POST = apiRoute("export:download", async ({ request, actor }) =>
  jsonResponse({ export: await queueExport({ actor, input: await readJsonBody(request) }) }, { status: 202 }),
);
