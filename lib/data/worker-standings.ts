import "server-only";
import { can } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/data/audit";
import type { Actor } from "@/lib/data/users";
import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AppError } from "@/lib/errors";
import { workerStatus, type StandingFacts, type WorkerStatus } from "@/lib/quality/worker-status";
import { idOrNotFound } from "@/lib/validations/ids";

// A worker's standing in a project (worker_standings): the qualification's tallies and the gold window
// behind a pause. The submit of practice, gold and attention items writes it under the row's lock; the
// admin actions here take the same lock.

const standingSelect = {
  practiceAnswers: true,
  practiceCorrect: true,
  qualifiedAt: true,
  failedAt: true,
  goldAnswers: true,
  goldCorrect: true,
  pausedAt: true,
  pauseReason: true,
} as const;

type StandingRow = Prisma.WorkerStandingGetPayload<{ select: typeof standingSelect }>;

export type WorkerStanding = StandingFacts & { goldAnswers: number; goldCorrect: number };

function standingOf(row: StandingRow): WorkerStanding {
  const iso = (date: Date | null) => date?.toISOString() ?? null;
  return { ...row, qualifiedAt: iso(row.qualifiedAt), failedAt: iso(row.failedAt), pausedAt: iso(row.pausedAt) };
}

/** The practice set's size as the claim counts it: practice items in the project's active batches. */
async function countPracticeItems(projectId: string): Promise<number> {
  return (await countPracticeSets([projectId])).get(projectId) ?? 0;
}

/** The same for several projects in one query (the worker's task list). */
async function countPracticeSets(projectIds: string[]): Promise<Map<string, number>> {
  if (projectIds.length === 0) return new Map();
  const counts = await db().item.groupBy({
    by: ["projectId"],
    where: { projectId: { in: projectIds }, role: "PRACTICE", batch: { status: "ACTIVE" } },
    _count: { _all: true },
  });
  return new Map(counts.map((row) => [row.projectId, row._count._all]));
}

/** A worker's standing in a project, or null before their first practice, gold or attention answer. */
export async function findWorkerStanding({ projectId, workerId }: { projectId: string; workerId: string }): Promise<WorkerStanding | null> {
  const row = await db().workerStanding.findUnique({ where: { workerId_projectId: { workerId, projectId } }, select: standingSelect });
  return row ? standingOf(row) : null;
}

export type ProjectStandings = {
  passMark: number | null;
  practiceTotal: number;
  /** The status of every worker with a standing; statusOf() also answers for those without one. */
  statusOf: (workerId: string) => WorkerStatus | null;
  standings: Map<string, WorkerStanding>;
};

/** Every worker's standing in a project, for the Quality page and its JSON. */
export async function findProjectStandings({ projectId }: { projectId: string }): Promise<ProjectStandings> {
  const [project, rows, practiceTotal] = await Promise.all([
    db().project.findUniqueOrThrow({ where: { id: projectId }, select: { qualificationPassMark: true } }),
    db().workerStanding.findMany({ where: { projectId }, select: { workerId: true, ...standingSelect } }),
    countPracticeItems(projectId),
  ]);
  const standings = new Map(rows.map(({ workerId, ...row }) => [workerId, standingOf(row)]));
  const passMark = project.qualificationPassMark;
  return { passMark, practiceTotal, standings, statusOf: (workerId) => workerStatus(standings.get(workerId) ?? null, { passMark, practiceTotal }) };
}

/**
 * What a worker is told of their own standing in each project where it holds them back or is under
 * way: paused (never why: the reason may name gold items), failed the practice set, or practising.
 */
export type OwnStanding =
  | { state: "PAUSED" }
  | { state: "FAILED"; correct: number; answered: number; passMark: number }
  | { state: "PRACTISING"; answered: number; total: number; passMark: number };

export async function findOwnStandings({ actor }: { actor: Actor }): Promise<Map<string, OwnStanding>> {
  const projects = await db().project.findMany({
    where: { OR: [{ qualificationPassMark: { not: null } }, { standings: { some: { workerId: actor.id, pausedAt: { not: null } } } }] },
    select: { id: true, slug: true, qualificationPassMark: true, standings: { where: { workerId: actor.id }, select: standingSelect } },
  });
  const practiceSets = await countPracticeSets(projects.map((project) => project.id));
  const own = new Map<string, OwnStanding>();
  for (const project of projects) {
    const standing = project.standings[0] ? standingOf(project.standings[0]) : null;
    const status = workerStatus(standing, { passMark: project.qualificationPassMark, practiceTotal: practiceSets.get(project.id) ?? 0 });
    const passMark = project.qualificationPassMark ?? 0;
    if (status?.kind === "PAUSED") own.set(project.slug, { state: "PAUSED" });
    if (status?.kind === "FAILED") own.set(project.slug, { state: "FAILED", correct: status.correct, answered: status.answered, passMark });
    if (status?.kind === "PRACTISING" && status.total > 0)
      own.set(project.slug, { state: "PRACTISING", answered: status.answered, total: status.total, passMark });
  }
  return own;
}

type AdminChange = { actor: Actor; projectSlug: string; workerId: string };

/** The project and the worker's standing row, locked; refuses those who may not manage people. */
async function lockStanding(tx: Prisma.TransactionClient, { actor, projectSlug, workerId }: AdminChange) {
  if (!can(actor.role, "user:manage")) throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not resume workers or allow retries`);
  idOrNotFound(workerId, "worker");
  const project = await tx.project.findUnique({ where: { slug: projectSlug }, select: { id: true } });
  if (!project) throw new AppError("NOT_FOUND", `No project with slug "${projectSlug}"`);
  const worker = await tx.user.findUnique({ where: { id: workerId }, select: { email: true } });
  if (!worker) throw new AppError("NOT_FOUND", "No worker with this id");
  await tx.$queryRaw`SELECT 1 FROM worker_standings WHERE worker_id = ${workerId}::uuid AND project_id = ${project.id}::uuid FOR UPDATE`;
  const row = await tx.workerStanding.findUnique({ where: { workerId_projectId: { workerId, projectId: project.id } }, select: standingSelect });
  return { projectId: project.id, email: worker.email, standing: row ? standingOf(row) : null };
}

/**
 * Lets a paused worker take tasks in the project again. The gold window starts afresh, so the pause
 * rule waits for the minimum number of new gold answers before it judges them again.
 */
export async function resumeWorker(change: AdminChange): Promise<WorkerStanding> {
  return db().$transaction(async (tx) => {
    const { projectId, email, standing } = await lockStanding(tx, change);
    if (!standing?.pausedAt) throw new AppError("CONFLICT", `${email} is not paused in "${change.projectSlug}": there is nothing to resume`);
    const row = await tx.workerStanding.update({
      where: { workerId_projectId: { workerId: change.workerId, projectId } },
      data: { pausedAt: null, pauseReason: null, goldAnswers: 0, goldCorrect: 0, updatedAt: new Date() },
      select: standingSelect,
    });
    await recordAuditEvent(tx, {
      actor: change.actor,
      action: "worker.resume",
      targetType: "user",
      targetId: change.workerId,
      before: {
        email,
        project: change.projectSlug,
        pausedAt: standing.pausedAt,
        pauseReason: standing.pauseReason,
        goldAnswers: standing.goldAnswers,
        goldCorrect: standing.goldCorrect,
      },
      after: { email, project: change.projectSlug, pausedAt: null, goldAnswers: 0, goldCorrect: 0 },
    });
    return standingOf(row);
  });
}

/**
 * Gives a worker who failed the practice set another go: their practice answers are deleted (so the
 * claim hands the same items out again) and the tallies start from zero.
 */
export async function allowQualificationRetry(change: AdminChange): Promise<{ deletedJudgments: number }> {
  return db().$transaction(async (tx) => {
    const { projectId, email, standing } = await lockStanding(tx, change);
    if (!standing?.failedAt) throw new AppError("CONFLICT", `${email} has not failed the practice set of "${change.projectSlug}": there is nothing to retry`);
    const practice = { workerId: change.workerId, projectId, item: { role: "PRACTICE" as const } };
    const judged = await tx.judgment.findMany({ where: practice, select: { itemId: true } });
    // The items' counts follow their judgments (a practice item is complete whatever its count).
    await tx.$executeRaw`UPDATE items SET judgment_count = greatest(judgment_count - 1, 0) WHERE id = ANY(${judged.map((j) => j.itemId)}::uuid[])`;
    await tx.judgment.deleteMany({ where: practice });
    await tx.assignment.deleteMany({ where: practice });
    await tx.workerStanding.update({
      where: { workerId_projectId: { workerId: change.workerId, projectId } },
      data: { practiceAnswers: 0, practiceCorrect: 0, failedAt: null, qualifiedAt: null, updatedAt: new Date() },
    });
    await recordAuditEvent(tx, {
      actor: change.actor,
      action: "worker.qualification-retry",
      targetType: "user",
      targetId: change.workerId,
      before: {
        email,
        project: change.projectSlug,
        practiceAnswers: standing.practiceAnswers,
        practiceCorrect: standing.practiceCorrect,
        failedAt: standing.failedAt,
      },
      after: { email, project: change.projectSlug, practiceAnswers: 0, practiceCorrect: 0, failedAt: null, deletedJudgments: judged.length },
    });
    return { deletedJudgments: judged.length };
  });
}
