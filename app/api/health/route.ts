import { db } from "@/lib/db/prisma";

export const dynamic = "force-dynamic";

/** For load balancers and start-up scripts: is the app up and its database reachable? No data. */
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch (error) {
    // The answer stays bare (no data for load balancers); why the database is unreachable goes to the log.
    console.error(`[health] database unreachable: ${error instanceof Error ? error.message : String(error)}`);
    return Response.json({ status: "database unreachable" }, { status: 503 });
  }
}
