import "server-only";
import { db } from "@/lib/db/prisma";

export async function findBatchesForProject({ projectId }: { projectId: string }) {
  return db().batch.findMany({
    where: { projectId },
    select: { id: true, name: true, status: true, priority: true, sourceFormat: true, itemCount: true, createdAt: true, createdBy: { select: { email: true } } },
    orderBy: { createdAt: "desc" },
  });
}
