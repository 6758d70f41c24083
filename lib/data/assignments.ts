import "server-only";
import { pool } from "@/lib/db/prisma";
import { queryPool } from "@/lib/db/sql-runner";
import { AppError } from "@/lib/errors";
import type { ChatMessage } from "@/lib/formats/item";
import type { Actor } from "@/lib/data/users";
import { claimTask } from "@/lib/data/claim-task";
import { responseLabel } from "@/lib/validations/judgment";

/** Leases the next task of the project for the worker (see claim-task.ts for the rules). */
export async function claimNextTask({ actor, projectSlug }: { actor: Actor; projectSlug: string }): Promise<string | null> {
  return claimTask(pool(), { workerId: actor.id, projectSlug });
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

type TaskRow = {
  id: string;
  status: "ACTIVE" | "SUBMITTED" | "EXPIRED" | "RELEASED";
  lease_expires_at: Date;
  live: boolean;
  slug: string;
  name: string;
  question: string;
  instructions: string;
  judgment_kind: "PAIRWISE" | "RANKING";
  context: ChatMessage[];
  texts: string[];
};

/**
 * The worker's view of one of their own assignments. The select is the blinding: model names,
 * reference ranks, candidate ids and other workers' answers never leave this function. One
 * prepared statement: every claim over the API ends with it.
 */
export async function findTaskForWorker({ actor, assignmentId }: { actor: Actor; assignmentId: string }): Promise<TaskView> {
  if (!isUuid(assignmentId)) throw new AppError("NOT_FOUND", "No such task");
  const [task] = await queryPool<TaskRow>(
    pool(),
    `SELECT a.id, a.status, a.lease_expires_at, a.lease_expires_at > now() AS live,
            p.slug, p.name, p.question, p.instructions, p.judgment_kind, i.context,
            ARRAY(SELECT c.text FROM unnest(a.display_order) WITH ORDINALITY AS shown(id, n)
                  JOIN candidates c ON c.id = shown.id ORDER BY shown.n) AS texts
     FROM assignments a JOIN projects p ON p.id = a.project_id JOIN items i ON i.id = a.item_id
     WHERE a.id = $1::uuid AND a.worker_id = $2::uuid`,
    [assignmentId, actor.id],
  );
  if (!task) throw new AppError("NOT_FOUND", "No such task");
  return {
    assignmentId: task.id,
    status: task.status === "SUBMITTED" ? "SUBMITTED" : task.status === "ACTIVE" && task.live ? "ACTIVE" : "EXPIRED",
    leaseExpiresAt: new Date(task.lease_expires_at).toISOString(),
    project: { slug: task.slug, name: task.name, question: task.question, instructions: task.instructions, judgmentKind: task.judgment_kind },
    context: task.context,
    responses: task.texts.map((text, index) => ({ label: responseLabel(index), text })),
  };
}

export function isUuid(value: string): boolean {
  return /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(value);
}
