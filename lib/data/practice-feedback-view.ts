import "server-only";
import type { PracticeFeedback } from "@/lib/data/checks/practice-feedback";
import type { Actor } from "@/lib/data/users";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { responseLabel } from "@/lib/judgment-scales";

/** Practice feedback as the worker reads it: the reference in the labels they saw (A, B, ...), never ids. */
export type PracticeFeedbackView = Omit<PracticeFeedback, "reference"> & { reference: string[][] };

/** Relabels the reference by the worker's own assignment's display order (ownership in the where). */
export async function practiceFeedbackForWorker({
  actor,
  assignmentId,
  practice,
}: {
  actor: Actor;
  assignmentId: string;
  practice: PracticeFeedback;
}): Promise<PracticeFeedbackView> {
  const assignment = await db().assignment.findFirst({ where: { id: assignmentId, workerId: actor.id }, select: { displayOrder: true } });
  if (!assignment) throw new AppError("NOT_FOUND", "No such task");
  const labelOf = new Map(assignment.displayOrder.map((candidateId, index) => [candidateId, responseLabel(index)]));
  const reference = practice.reference
    .map((group) =>
      group
        .map((candidateId) => labelOf.get(candidateId))
        .filter((label): label is string => label !== undefined)
        .sort(),
    )
    .filter((group) => group.length > 0);
  return { ...practice, reference };
}
