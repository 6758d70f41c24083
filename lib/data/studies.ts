import "server-only";
import { db } from "@/lib/db/prisma";
import { recordAuditEvent } from "@/lib/data/audit";
import type { Actor } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { createStudySchema, studyIdSchema, type CreateStudyInput } from "@/lib/validations/study";
import { parseInput } from "@/lib/validations/parse";

const studySelect = {
  id: true,
  platform: true,
  name: true,
  requiredJudgments: true,
  completionCode: true,
  closedAt: true,
  createdAt: true,
  project: { select: { id: true, slug: true, name: true } },
} as const;

/** Admin: a study that hands out the project's tasks to workers from a crowd platform. */
export async function createStudy({ actor, input }: { actor: Actor; input: CreateStudyInput }) {
  const data = parseInput(createStudySchema, input);
  return db().$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { id: data.projectId }, select: { id: true } });
    if (!project) throw new AppError("INVALID_INPUT", "No such project", [{ field: "projectId", message: "no such project" }]);
    const study = await tx.study.create({ data, select: studySelect });
    await recordAuditEvent(tx, { actor, action: "study.create", targetType: "study", targetId: study.id, after: study });
    return study;
  });
}

/** Admin: every study, newest first, with how many platform sessions started and completed. */
export async function findStudies() {
  const studies = await db().study.findMany({
    select: { ...studySelect, _count: { select: { sessions: true } } },
    orderBy: { createdAt: "desc" },
  });
  const completed = await db().studySession.groupBy({ by: ["studyId"], where: { completedAt: { not: null } }, _count: { _all: true } });
  const completedBy = new Map(completed.map((row) => [row.studyId, row._count._all]));
  return studies.map(({ _count, ...study }) => ({ ...study, sessionsStarted: _count.sessions, sessionsCompleted: completedBy.get(study.id) ?? 0 }));
}

/** Admin: closes a study; its link then shows that it is closed and signs no one in. */
export async function closeStudy({ actor, studyId }: { actor: Actor; studyId: string }) {
  const id = parseInput(studyIdSchema, studyId);
  return db().$transaction(async (tx) => {
    const before = await tx.study.findUnique({ where: { id }, select: studySelect });
    if (!before) throw new AppError("NOT_FOUND", "No such study");
    if (before.closedAt) return before;
    const after = await tx.study.update({ where: { id }, data: { closedAt: new Date() }, select: studySelect });
    await recordAuditEvent(tx, { actor, action: "study.close", targetType: "study", targetId: id, before, after });
    return after;
  });
}

/** Admin: the projects a study can be made for. */
export async function findStudyProjectChoices() {
  return db().project.findMany({ select: { id: true, name: true, slug: true }, orderBy: { createdAt: "asc" } });
}
