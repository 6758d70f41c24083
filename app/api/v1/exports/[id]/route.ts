import { apiRoute } from "@/lib/api/route";
import { jsonResponse } from "@/lib/api/responses";
import { findExport } from "@/lib/data/exports";

/** GET: an export's status, progress and, once complete, its manifest. */
export const GET = apiRoute<{ id: string }>("export:download", async ({ params }) => jsonResponse({ export: await findExport({ exportId: params.id }) }));
