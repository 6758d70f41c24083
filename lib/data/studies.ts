import "server-only";
import { db } from "@/lib/db/prisma";
import { recordAuditEvent } from "@/lib/data/audit";
import type { Actor } from "@/lib/data/users";
import { AppError } from "@/lib/errors";
import { createStudySchema, studyIdSchema, updateStudyPlacesSchema, type CreateStudyInput, type UpdateStudyPlacesInput } from "@/lib/validations/study";
import { parseInput } from "@/lib/validations/parse";

const studySelect = {
  id: true,
  platform: true,
  name: true,
  requiredJudgments: true,
  completionCode: true,
  maxParticipants: true,
  closedAt: true,
  createdAt: true,
  project: { select: { id: true, slug: true, name: true } },
} as const;

/** Admin: a study that hands out the project's tasks to workers from a crowd platform. */
export async function createStudy({ actor, input }: { actor: Actor; input: CreateStudyInput }) {
  const data = parseInput(createStudySchema, input);
  return db().$transaction(async (tx) => {
    const project = await tx.project.findUnique({ where: { id: data.projectId }, select: { id: true, judgmentKind: true } });
    if (!project) throw new AppError("INVALID_INPUT", "No such project", [{ field: "projectId", message: "no such project" }]);
    // A study hands out tasks; live conversations are not tasks, and are not kept apart per study
    // session, so a platform id typed by someone else would reach the first participant's.
    if (project.judgmentKind === "DIALOGUE") {
      throw new AppError("INVALID_INPUT", "Live-conversation projects cannot be run as a study", [
        { field: "projectId", message: "collects live conversations, which studies do not hand out" },
      ]);
    }
    const study = await tx.study.create({ data, select: studySelect });
    await recordAuditEvent(tx, { actor, action: "study.create", targetType: "study", targetId: study.id, after: study });
    return study;
  });
}

/** Admin: every study, newest first, with its participants and how many sessions started and completed. */
export async function findStudies() {
  const studies = await db().study.findMany({
    select: { ...studySelect, _count: { select: { sessions: true } } },
    orderBy: { createdAt: "desc" },
  });
  const [completed, participants] = await Promise.all([
    db().studySession.groupBy({ by: ["studyId"], where: { completedAt: { not: null } }, _count: { _all: true } }),
    db().$queryRaw<{ study_id: string; participants: number }[]>`
      SELECT study_id, count(DISTINCT user_id)::int AS participants FROM study_sessions GROUP BY study_id`,
  ]);
  const completedBy = new Map(completed.map((row) => [row.studyId, row._count._all]));
  const participantsIn = new Map(participants.map((row) => [row.study_id, row.participants]));
  return studies.map(({ _count, ...study }) => ({
    ...study,
    participants: participantsIn.get(study.id) ?? 0,
    sessionsStarted: _count.sessions,
    sessionsCompleted: completedBy.get(study.id) ?? 0,
  }));
}

/** Admin: the places a study offers. Fewer than have already entered turns newcomers away, nobody out. */
export async function updateStudyPlaces({ actor, input }: { actor: Actor; input: UpdateStudyPlacesInput }) {
  const { studyId, maxParticipants } = parseInput(updateStudyPlacesSchema, input);
  return db().$transaction(async (tx) => {
    const before = await tx.study.findUnique({ where: { id: studyId }, select: studySelect });
    if (!before) throw new AppError("NOT_FOUND", "No such study");
    if (before.maxParticipants === maxParticipants) return before;
    const after = await tx.study.update({ where: { id: studyId }, data: { maxParticipants }, select: studySelect });
    await recordAuditEvent(tx, { actor, action: "study.update", targetType: "study", targetId: studyId, before, after });
    return after;
  });
}

/**
 * Admin: closes a study. Its link then shows that it is closed and signs no one in; its sessions end,
 * so its participants count as signed out at once; and their open leases end as when a worker is
 * blocked (REVOKED), so the items go back to the pool. Stored judgments stay.
 */
export async function closeStudy({ actor, studyId }: { actor: Actor; studyId: string }) {
  const id = parseInput(studyIdSchema, studyId);
  return db().$transaction(async (tx) => {
    const before = await tx.study.findUnique({ where: { id }, select: studySelect });
    if (!before) throw new AppError("NOT_FOUND", "No such study");
    if (before.closedAt) return before;
    // The study's row first: an entry in flight holds it (studies-entry.ts) and commits its session
    // before this goes on; a claim in flight holds its session's row until its lease is in.
    const after = await tx.study.update({ where: { id }, data: { closedAt: new Date() }, select: studySelect });
    const endedSessions = await tx.$executeRaw`UPDATE study_sessions SET ended_at = now() WHERE study_id = ${id}::uuid AND ended_at IS NULL`;
    const revokedLeases = await tx.$executeRaw`
      UPDATE assignments SET status = 'REVOKED'
      WHERE status = 'ACTIVE' AND study_session_id IN (SELECT v.id FROM study_sessions v WHERE v.study_id = ${id}::uuid)`;
    await recordAuditEvent(tx, { actor, action: "study.close", targetType: "study", targetId: id, before, after: { ...after, endedSessions, revokedLeases } });
    return after;
  });
}

/** Admin: the projects a study can be made for (not live-conversation ones: see createStudy). */
export async function findStudyProjectChoices() {
  return db().project.findMany({
    where: { judgmentKind: { not: "DIALOGUE" } },
    select: { id: true, name: true, slug: true },
    orderBy: { createdAt: "asc" },
  });
}
