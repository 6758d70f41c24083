import "server-only";
import { db } from "@/lib/db/prisma";

export async function findBatchesForProject({ projectId }: { projectId: string }) {
  return db().batch.findMany({
    where: { projectId },
    select: { id: true, name: true, status: true, priority: true, sourceFormat: true, itemCount: true, createdAt: true, createdBy: { select: { email: true } } },
    orderBy: { createdAt: "desc" },
  });
}

/** Every batch with its project, for choosing what an export covers. */
export async function findBatchChoices() {
  const batches = await db().batch.findMany({
    select: { id: true, name: true, itemCount: true, project: { select: { slug: true } } },
    orderBy: [{ project: { slug: "asc" } }, { createdAt: "asc" }],
  });
  return batches.map((batch) => ({ id: batch.id, name: batch.name, itemCount: batch.itemCount, project: batch.project.slug }));
}
