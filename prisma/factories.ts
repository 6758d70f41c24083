// Shared record builders for the demo seed and the tests. They take the client to use, so they run
// anywhere (CLI, Playwright's setup, Vitest) against any database.
import { randomUUID } from "node:crypto";
import { hashPassword } from "@/lib/auth/password";
import type { Database } from "@/lib/db/connection";
import type { Role } from "@/lib/generated/prisma/enums";
import type { Prisma } from "@/lib/generated/prisma/client";

export async function createUserRecord(db: Database, { email, role, password, name }: { email: string; role: Role; password: string; name?: string }) {
  return db.user.create({
    data: { email, role, name: name ?? null, passwordHash: await hashPassword(password) },
    select: { id: true, email: true, name: true, role: true },
  });
}

export async function createProjectRecord(
  db: Database,
  options: Partial<Omit<Prisma.ProjectCreateInput, "batches" | "items" | "assignments" | "judgments" | "exports">> = {},
) {
  const slug = options.slug ?? `project-${randomUUID().slice(0, 8)}`;
  return db.project.create({ data: { ...options, slug, name: options.name ?? slug } });
}

/**
 * A batch of simple two-response items, inserted directly (tests that are not about importing).
 * `prompt` and `texts` (one per candidate, by position) replace the short default texts, for tests
 * about how long or awkward text is shown. Each item's reference prefers its first response; `role`
 * makes the batch gold, attention or practice items.
 */
export async function createItemsRecord(
  db: Database,
  {
    projectId,
    count,
    candidates = 2,
    status = "ACTIVE",
    prompt,
    texts,
    role = "TASK",
    referenceNote,
  }: {
    projectId: string;
    count: number;
    candidates?: number;
    status?: "DRAFT" | "ACTIVE" | "PAUSED" | "CLOSED";
    prompt?: string;
    texts?: string[];
    role?: "TASK" | "GOLD" | "ATTENTION" | "PRACTICE";
    referenceNote?: string;
  },
) {
  const batch = await db.batch.create({ data: { projectId, name: `batch ${randomUUID().slice(0, 8)}`, sourceFormat: "preflab", status, itemCount: count } });
  for (let position = 1; position <= count; position++) {
    await db.item.create({
      data: {
        projectId,
        batchId: batch.id,
        position,
        role,
        // A check item never waits for judgments (lib/data/checks/item-completion.ts).
        isComplete: role !== "TASK",
        referenceNote: referenceNote ?? null,
        context: [{ role: "user", content: prompt ?? `Question ${position}?` }],
        candidates: {
          create: Array.from({ length: candidates }, (_, i) => ({
            position: i,
            text: texts?.[i] ?? `Answer ${position}.${i}`,
            model: `model-${i}`,
            referenceRank: i + 1,
          })),
        },
      },
    });
  }
  return batch;
}

/** A model endpoint (an OpenAI-compatible server); the demo seed and the tests make theirs with it. */
export async function createEndpointRecord(db: Database, options: Partial<Prisma.ModelEndpointCreateInput> & { modelId: string }) {
  return db.modelEndpoint.create({
    data: { name: options.name ?? `endpoint-${randomUUID().slice(0, 8)}`, baseUrl: options.baseUrl ?? "http://127.0.0.1:1/v1", ...options },
  });
}

/** A live-conversation project drawing on the given endpoints. */
export async function createDialogueProjectRecord(
  db: Database,
  { endpointIds, ...options }: Partial<Omit<Prisma.ProjectCreateInput, "endpoints">> & { endpointIds: string[] },
) {
  const slug = options.slug ?? `dialogue-${randomUUID().slice(0, 8)}`;
  return db.project.create({
    data: {
      judgmentKind: "DIALOGUE",
      judgmentsPerItem: 1,
      ...options,
      slug,
      name: options.name ?? slug,
      endpoints: { create: endpointIds.map((endpointId) => ({ endpointId })) },
    },
  });
}
