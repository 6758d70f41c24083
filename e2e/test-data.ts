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
