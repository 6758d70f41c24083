import "server-only";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { ChatMessage } from "@/lib/formats/item";
import type { Actor } from "@/lib/data/users";
import { claimTaskWithin } from "@/lib/data/claim-task";
import { inTransaction } from "@/lib/db/sql-runner";
import { responseLabel } from "@/lib/validations/judgment";

/** Leases the next task of the project for the worker (see claim-task.ts for the rules). */
export async function claimNextTask({ actor, projectSlug }: { actor: Actor; projectSlug: string }): Promise<string | null> {
  return inTransaction(db(), (sql) => claimTaskWithin(sql, { workerId: actor.id, projectSlug }));
}

export type TaskView = {
  assignmentId: string;
  status: "ACTIVE" | "SUBMITTED" | "EXPIRED";
  leaseExpiresAt: string;
  project: { slug: string; name: string; question: string; instructions: string; judgmentKind: "PAIRWISE" | "RANKING" };
  context: ChatMessage[];
  /** The responses in the order this worker sees them, labelled A, B, ...: no ids, no models. */
  responses: { label: string; text: string }[];
};

/**
 * The worker's view of one of their own assignments. The select is the blinding: model names,
 * reference ranks, candidate ids and other workers' answers never leave this function.
 */
export async function findTaskForWorker({ actor, assignmentId }: { actor: Actor; assignmentId: string }): Promise<TaskView> {
  if (!isUuid(assignmentId)) throw new AppError("NOT_FOUND", "No such task");
  const assignment = await db().assignment.findFirst({
    where: { id: assignmentId, workerId: actor.id },
    select: {
      id: true,
      status: true,
      leaseExpiresAt: true,
      displayOrder: true,
      project: { select: { slug: true, name: true, question: true, instructions: true, judgmentKind: true } },
      item: { select: { context: true, candidates: { select: { id: true, text: true } } } },
    },
  });
  if (!assignment) throw new AppError("NOT_FOUND", "No such task");
  const textById = new Map(assignment.item.candidates.map((c) => [c.id, c.text]));
  const expired = assignment.status !== "SUBMITTED" && (assignment.status !== "ACTIVE" || assignment.leaseExpiresAt <= new Date());
  return {
    assignmentId: assignment.id,
    status: assignment.status === "SUBMITTED" ? "SUBMITTED" : expired ? "EXPIRED" : "ACTIVE",
    leaseExpiresAt: assignment.leaseExpiresAt.toISOString(),
    project: assignment.project,
    context: assignment.item.context as ChatMessage[],
    responses: assignment.displayOrder.map((id, index) => ({ label: responseLabel(index), text: textById.get(id) ?? "" })),
  };
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
