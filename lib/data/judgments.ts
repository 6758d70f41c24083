import "server-only";
import { pool } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/data/users";
import { isId } from "@/lib/validations/ids";
import { recordJudgment, type SubmittedJudgment } from "@/lib/data/submit-judgment";
import { submitJudgmentSchema } from "@/lib/validations/judgment";
import { parseInput } from "@/lib/validations/parse";

export type { SubmittedJudgment };

/** Stores the worker's answer to one of their own tasks exactly once (see submit-judgment.ts). */
export async function submitJudgment({ actor, assignmentId, input }: { actor: Actor; assignmentId: string; input: unknown }): Promise<SubmittedJudgment> {
  const answer = parseInput(submitJudgmentSchema, input);
  if (!isId(assignmentId)) throw new AppError("NOT_FOUND", "No such task");
  return recordJudgment(pool(), { workerId: actor.id, studySessionId: actor.studySessionId ?? null, assignmentId, answer });
}
