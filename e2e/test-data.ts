// Projects and workers a spec makes for itself: unique names, so specs never see each other's work.
import { randomBytes } from "node:crypto";
import { createItemsRecord, createProjectRecord, createUserRecord } from "@/prisma/factories";
import { e2eDb } from "./test-database";

type ProjectFields = NonNullable<Parameters<typeof createProjectRecord>[1]>;
type ItemFields = Omit<Parameters<typeof createItemsRecord>[1], "projectId" | "status">;

const createdProjectIds: string[] = [];

/** A project with a unique slug and name (the task list is matched by name), and items if asked. */
export async function createTestProject(label: string, fields: ProjectFields = {}, items?: ItemFields) {
  const suffix = randomBytes(3).toString("hex");
  const project = await createProjectRecord(e2eDb(), { ...fields, slug: `${label}-${suffix}`, name: `${label} ${suffix}` });
  createdProjectIds.push(project.id);
  if (items) await createItemsRecord(e2eDb(), { projectId: project.id, ...items });
  return project;
}

/**
 * Closes the batches of every project made here, for afterAll: work a spec leaves open would be
 * offered (and focused) on the shared worker's task list in later specs.
 */
export async function closeTestProjects() {
  await e2eDb().batch.updateMany({ where: { projectId: { in: createdProjectIds } }, data: { status: "CLOSED" } });
}

/** A worker with no history, for tests about what one worker may or may not get. */
export async function createTestWorker(label: string) {
  const user = { email: `${label}-${randomBytes(4).toString("hex")}@e2e.example`, password: `pass-${randomBytes(6).toString("hex")}`, role: "WORKER" as const };
  const record = await createUserRecord(e2eDb(), user);
  return { ...user, id: record.id };
}

type JudgedItem = { item: { id: string; batchId: string; context: unknown }; winner: { text: string }; loser: { text: string }; createdAt: Date };

/**
 * One worker's judgment of every item of a project, inserted directly, each item then complete (k = 1):
 * for specs about what is done with judgments, not about judging. `preferFirst(n)` says which response
 * of the n-th item won; all share one time, so they share a UTC day even across midnight.
 */
export async function judgeEveryItem(
  project: { id: string },
  worker: { id: string },
  { tag, preferFirst = () => true }: { tag: string; preferFirst?: (n: number) => boolean },
): Promise<JudgedItem[]> {
  const items = await e2eDb().item.findMany({
    where: { projectId: project.id },
    include: { candidates: { orderBy: { position: "asc" } } },
    orderBy: { position: "asc" },
  });
  const at = new Date();
  const judged: JudgedItem[] = [];
  for (const [n, item] of items.entries()) {
    const [a, b] = item.candidates;
    const [winner, loser] = preferFirst(n) ? [a, b] : [b, a];
    const common = { projectId: project.id, itemId: item.id, workerId: worker.id };
    const assignment = await e2eDb().assignment.create({
      data: { ...common, displayOrder: [a.id, b.id], status: "SUBMITTED", leaseExpiresAt: at, submittedAt: at },
    });
    const judgment = await e2eDb().judgment.create({
      data: {
        ...common,
        assignmentId: assignment.id,
        ranking: [[winner.id], [loser.id]],
        strength: winner === a ? -2 : 2,
        timeSpentMs: 5000,
        idempotencyKey: `e2e-${tag}-${assignment.id}`,
        createdAt: at,
      },
    });
    await e2eDb().item.update({ where: { id: item.id }, data: { judgmentCount: 1, isComplete: true } });
    judged.push({ item, winner, loser, createdAt: judgment.createdAt });
  }
  return judged;
}
