import { apiRoute } from "@/lib/api/route";
import { jsonResponse } from "@/lib/api/responses";
import { extendLease } from "@/lib/data/leases";

/** POST: a fresh full lease on a task you hold (up to 3 times). */
export const POST = apiRoute<{ id: string }>("task:work", async ({ actor, params }) => jsonResponse(await extendLease({ actor, assignmentId: params.id })));
