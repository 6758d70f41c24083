import { db } from "@/lib/db/prisma";

export const dynamic = "force-dynamic";

/** For load balancers and start-up scripts: is the app up and its database reachable? No data. */
export async function GET() {
  try {
    await db().$queryRaw`SELECT 1`;
    return Response.json({ status: "ok" });
  } catch {
    return Response.json({ status: "database unreachable" }, { status: 503 });
  }
}
