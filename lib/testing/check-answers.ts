// Answering a pairwise task for a chosen response, whatever order the worker was shown: tests of the
// quality checks answer gold and practice items right or wrong on purpose.
import { db } from "@/lib/db/prisma";
import { submitJudgment } from "@/lib/data/judgments";
import type { Actor } from "@/lib/data/users";

/** The lease's item, its role and the candidate its reference prefers. */
export async function leasedItem(assignmentId: string) {
  const assignment = await db().assignment.findUniqueOrThrow({
    where: { id: assignmentId },
    include: { item: { include: { candidates: { orderBy: { referenceRank: "asc" } } } } },
  });
  const [best, worst] = assignment.item.candidates;
  return { item: assignment.item, role: assignment.item.role, best: best.id, worst: worst.id, displayOrder: assignment.displayOrder };
}

/** Submits the pair with `candidateId` preferred (strength 1 for B, -1 for A). */
export async function answerChoosing(actor: Actor, assignmentId: string, candidateId: string) {
  const { displayOrder } = await leasedItem(assignmentId);
  const strength = displayOrder[0] === candidateId ? -1 : 1;
  return submitJudgment({ actor, assignmentId, input: { strength, idempotencyKey: `answer-${assignmentId}` } });
}

/** Answers the lease right (the reference's best) or wrong. */
export async function answerCheck(actor: Actor, assignmentId: string, right: boolean) {
  const { best, worst } = await leasedItem(assignmentId);
  return answerChoosing(actor, assignmentId, right ? best : worst);
}
