import "server-only";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/data/users";
import { createProjectSchema, type CreateProjectInput } from "@/lib/validations/project";
import { parseInput } from "@/lib/validations/parse";

const projectSelect = {
  id: true,
  slug: true,
  name: true,
  question: true,
  polarity: true,
  judgmentKind: true,
  judgmentsPerItem: true,
  leaseSeconds: true,
  createdAt: true,
} as const;

export async function createProject({ input }: { actor: Actor | null; input: CreateProjectInput }) {
  const data = parseInput(createProjectSchema, input);
  const existing = await db().project.findUnique({ where: { slug: data.slug }, select: { id: true } });
  if (existing) throw new AppError("CONFLICT", `A project with slug "${data.slug}" already exists`, [{ field: "slug", message: "already taken" }]);
  return db().project.create({ data, select: projectSelect });
}

export async function findProjectBySlug({ slug }: { slug: string }) {
  const project = await db().project.findUnique({ where: { slug }, select: { ...projectSelect, instructions: true } });
  if (!project) throw new AppError("NOT_FOUND", `No project with slug "${slug}"`);
  return project;
}

/** Staff overview: every project with its collection progress. */
export async function findProjectsWithProgress() {
  const projects = await db().project.findMany({
    select: { ...projectSelect, _count: { select: { items: true, judgments: true, batches: true } } },
    orderBy: { createdAt: "asc" },
  });
  return projects.map(({ _count, ...project }) => ({
    ...project,
    itemCount: _count.items,
    judgmentCount: _count.judgments,
    batchCount: _count.batches,
    judgmentsWanted: _count.items * project.judgmentsPerItem,
  }));
}

/** What a worker may see of the projects with work: names, question and how much is open to them. */
export async function findProjectsForWorker({ actor }: { actor: Actor }) {
  const rows = await db().$queryRaw<
    { slug: string; name: string; question: string; available: bigint; done_by_me: bigint }[]
  >`
    SELECT p.slug, p.name, p.question,
      (SELECT count(*) FROM items i JOIN batches b ON b.id = i.batch_id
        WHERE i.project_id = p.id AND b.status = 'ACTIVE' AND i.judgment_count < p.judgments_per_item
          AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = i.id AND j.worker_id = ${actor.id}::uuid)) AS available,
      (SELECT count(*) FROM judgments j WHERE j.project_id = p.id AND j.worker_id = ${actor.id}::uuid) AS done_by_me
    FROM projects p
    WHERE EXISTS (SELECT 1 FROM batches b WHERE b.project_id = p.id AND b.status = 'ACTIVE')
    ORDER BY p.created_at`;
  return rows.map((row) => ({
    slug: row.slug,
    name: row.name,
    question: row.question,
    available: Number(row.available),
    doneByMe: Number(row.done_by_me),
  }));
}
