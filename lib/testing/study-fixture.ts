// Crowd-platform study tests: a project with items, a study on it, entries from its link as the
// route makes them, and the signed-in participant of each entry.
import { randomBytes } from "node:crypto";
import { submitJudgment } from "@/lib/data/judgments";
import { createStudy } from "@/lib/data/studies";
import { enterStudy, type StudyEntry } from "@/lib/data/studies-entry";
import { claimStudyTask } from "@/lib/data/studies-progress";
import { findActiveUserById, type Actor } from "@/lib/data/users";
import { db } from "@/lib/db/prisma";
import { createTestProject, createTestUser } from "@/lib/testing/factories";
import { createItemsRecord } from "@/prisma/factories";

/** A fresh platform id (or session id, or client key). */
export const pid = () => randomBytes(12).toString("hex");

type StudyOptions = { platform?: "PROLIFIC" | "MTURK"; requiredJudgments?: number; items?: number; maxParticipants?: number; projectId?: string };

export async function studyOf({ platform = "PROLIFIC", requiredJudgments = 2, items = 4, maxParticipants, projectId }: StudyOptions = {}) {
  const admin = await createTestUser("ADMIN");
  const project = projectId
    ? await db().project.findUniqueOrThrow({ where: { id: projectId } })
    : await createTestProject({ instructions: "Pick the **kinder** reply." });
  if (!projectId) await createItemsRecord(db(), { projectId: project.id, count: items });
  const study = await createStudy({
    actor: admin,
    input: {
      projectId: project.id,
      platform,
      name: "Pilot",
      requiredJudgments,
      maxParticipants,
      completionCode: platform === "PROLIFIC" ? "C0DE1234" : undefined,
    },
  });
  return { admin, project, study };
}

/** An entry from the study's link; each gets a client of its own unless one is given. */
export async function enter(studyId: string, entry: Partial<Omit<StudyEntry, "studyId">> = {}) {
  return enterStudy({ studyId, platform: "PROLIFIC", participantId: pid(), externalSessionId: pid(), clientKey: pid(), ...entry });
}

/** The participant as the server sees them on a request from the browser that entry signed in. */
export async function actorOf({ userId, studySessionId }: { userId: string; studySessionId: string }): Promise<Actor> {
  const actor = await findActiveUserById(userId, studySessionId);
  if (!actor) throw new Error("the participant is signed out");
  return actor;
}

/** Leases and answers the next task of the study, as the task page does; the task's id. */
export async function judgeOne(actor: Actor, studyId: string) {
  const assignmentId = await claimStudyTask({ actor, studyId });
  if (!assignmentId) throw new Error("no task");
  await submitJudgment({ actor, assignmentId, input: { strength: 2, idempotencyKey: `study-${assignmentId}` } });
  return assignmentId;
}
