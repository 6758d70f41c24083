import "server-only";
import { db, pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
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

export type WorkerProject = {
  slug: string;
  name: string;
  question: string;
  available: number;
  doneToday: number;
  doneTotal: number;
  timeSpentMs: number;
};

/**
 * What a worker may see of the projects with work: names, question, how much is open to them, and
 * their own counts (today is the server's UTC day).
 */
export async function findProjectsForWorker({ actor }: { actor: Actor }): Promise<WorkerProject[]> {
  const rows = await queryPool<{ slug: string; name: string; question: string; available: number; done_today: number; done_total: number; time_spent_ms: number }>(
    pool(),
    `SELECT p.slug, p.name, p.question,
       (SELECT count(*) FROM items i JOIN batches b ON b.id = i.batch_id
         WHERE i.project_id = p.id AND b.status = 'ACTIVE' AND i.is_complete = false
           AND NOT EXISTS (SELECT 1 FROM judgments j WHERE j.item_id = i.id AND j.worker_id = $1::uuid)
           AND NOT EXISTS (SELECT 1 FROM assignments s WHERE s.item_id = i.id AND s.worker_id = $1::uuid AND s.status = 'RELEASED'))::int AS available,
       mine.done_today, mine.done_total, mine.time_spent_ms
     FROM projects p
     CROSS JOIN LATERAL (
       SELECT count(*) FILTER (WHERE j.created_at >= date_trunc('day', now()))::int AS done_today,
              count(*)::int AS done_total,
              COALESCE(sum(j.time_spent_ms), 0)::bigint AS time_spent_ms
       FROM judgments j WHERE j.project_id = p.id AND j.worker_id = $1::uuid) AS mine
     WHERE EXISTS (SELECT 1 FROM batches b WHERE b.project_id = p.id AND b.status = 'ACTIVE') OR mine.done_total > 0
     ORDER BY p.created_at`,
    [actor.id],
  );
  return rows.map((row) => ({
    slug: row.slug,
    name: row.name,
    question: row.question,
    available: row.available,
    doneToday: row.done_today,
    doneTotal: row.done_total,
    timeSpentMs: Number(row.time_spent_ms),
  }));
}
