import "server-only";
// Model endpoints for admins: the OpenAI-compatible servers live conversations draw their samples from.
// An API key goes in sealed (lib/models/secret-box.ts) and never comes out: not in a DTO, not in the
// audit log. Archiving stops an endpoint being drawn for new turns; its samples stay.
import { recordAuditEvent } from "@/lib/data/audit";
import {
  apiKeySource,
  endpointSelect,
  keyChange,
  refuseBuiltinChanges,
  type ApiKeySource,
  type EndpointRow,
  type KeyChange,
} from "@/lib/data/model-endpoint-rules";
import type { Actor } from "@/lib/data/users";
import { db } from "@/lib/db/prisma";
import { requireAuthSecret } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { Prisma } from "@/lib/generated/prisma/client";
import { runEndpointTest, type EndpointTestResult } from "@/lib/models/endpoint-test";
import { sealSecret } from "@/lib/models/secret-box";
import {
  createEndpointSchema,
  endpointIdSchema,
  updateEndpointSchema,
  type CreateEndpointInput,
  type UpdateEndpointInput,
} from "@/lib/validations/model-endpoint";
import { parseInput } from "@/lib/validations/parse";

export type { ApiKeySource };

export type EndpointView = Omit<EndpointRow, "apiKeyEnv" | "apiKeyEncrypted"> & { apiKey: ApiKeySource; archived: boolean; projectCount: number };

type Change = { actor: Actor | null };

/** Every endpoint for the admin page and the CLI, active ones first, by name. */
export async function findEndpoints(): Promise<EndpointView[]> {
  const rows = await db().modelEndpoint.findMany({
    select: { ...endpointSelect, _count: { select: { projects: true } } },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
  });
  return rows.map(({ apiKeyEnv, apiKeyEncrypted, _count, ...row }) => ({
    ...row,
    apiKey: apiKeySource({ builtin: row.builtin, apiKeyEnv, apiKeyEncrypted }),
    archived: row.archivedAt !== null,
    projectCount: _count.projects,
  }));
}

/** The id of the endpoint with this name (the CLI names endpoints). */
export async function findEndpointIdByName({ name }: { name: string }): Promise<string> {
  const endpoint = await db().modelEndpoint.findUnique({ where: { name: name.trim() }, select: { id: true } });
  if (!endpoint) throw new AppError("NOT_FOUND", `No model endpoint called "${name}"`);
  return endpoint.id;
}

export async function createEndpoint({ actor, input }: Change & { input: CreateEndpointInput }) {
  const { apiKey, clearApiKey: _clear, ...fields } = parseInput(createEndpointSchema, input);
  const apiKeyEncrypted = apiKey ? sealSecret(apiKey, requireAuthSecret()) : null;
  return uniqueName(fields.name, () =>
    db().$transaction(async (tx) => {
      const endpoint = await tx.modelEndpoint.create({ data: { ...fields, apiKeyEncrypted }, select: { id: true, name: true } });
      const after = { ...fields, ...(apiKey && { apiKey: "changed" }) };
      await recordAuditEvent(tx, { actor, action: "endpoint.create", targetType: "endpoint", targetId: endpoint.id, after });
      return endpoint;
    }),
  );
}

/**
 * Changes the fields given; the others keep their values. A built-in endpoint keeps its name, address,
 * model and key (they are the app's own): only its sampling settings and limits change.
 */
export async function updateEndpoint({ actor, endpointId, input }: Change & { endpointId: string; input: UpdateEndpointInput }) {
  parseInput(endpointIdSchema, { endpointId });
  const { apiKey, apiKeyEnv, clearApiKey, ...fields } = parseInput(updateEndpointSchema, input);
  return uniqueName(fields.name ?? "", () =>
    db().$transaction(async (tx) => {
      const current = await lockEndpoint(tx, endpointId);
      const changed = changedFields(current, fields);
      const key: KeyChange | null = keyChange(current, { apiKey, apiKeyEnv, clearApiKey });
      if (current.builtin) refuseBuiltinChanges(Object.keys(changed), key !== null);
      const names = [...Object.keys(changed), ...(key ? ["apiKey"] : [])];
      if (names.length === 0) return { id: endpointId, name: current.name, changed: names };
      await tx.modelEndpoint.update({ where: { id: endpointId }, data: { ...changed, ...key?.data } });
      const before = { ...Object.fromEntries(Object.keys(changed).map((field) => [field, current[field as keyof EndpointRow]])), ...key?.before };
      await recordAuditEvent(tx, {
        actor,
        action: "endpoint.update",
        targetType: "endpoint",
        targetId: endpointId,
        before,
        after: { ...changed, ...key?.after },
      });
      return { id: endpointId, name: changed.name ?? current.name, changed: names };
    }),
  );
}

/** Stops drawing the endpoint for new turns. A live-conversation project is never left without a model. */
export async function archiveEndpoint({ actor, endpointId }: Change & { endpointId: string }) {
  parseInput(endpointIdSchema, { endpointId });
  await db().$transaction(async (tx) => {
    const current = await lockEndpoint(tx, endpointId);
    if (current.archivedAt) return;
    await refuseLastModelOfProjects(tx, current);
    const { archivedAt } = await tx.modelEndpoint.update({ where: { id: endpointId }, data: { archivedAt: new Date() }, select: { archivedAt: true } });
    await recordAuditEvent(tx, {
      actor,
      action: "endpoint.archive",
      targetType: "endpoint",
      targetId: endpointId,
      before: { archivedAt: null },
      after: { archivedAt },
    });
  });
}

export async function restoreEndpoint({ actor, endpointId }: Change & { endpointId: string }) {
  parseInput(endpointIdSchema, { endpointId });
  await db().$transaction(async (tx) => {
    const current = await lockEndpoint(tx, endpointId);
    if (!current.archivedAt) return;
    await tx.modelEndpoint.update({ where: { id: endpointId }, data: { archivedAt: null } });
    await recordAuditEvent(tx, {
      actor,
      action: "endpoint.restore",
      targetType: "endpoint",
      targetId: endpointId,
      before: { archivedAt: current.archivedAt },
      after: { archivedAt: null },
    });
  });
}

/** One short request to the endpoint; admins see the exact error (workers never do). */
export async function testEndpoint({ endpointId }: Change & { endpointId: string }): Promise<EndpointTestResult> {
  parseInput(endpointIdSchema, { endpointId });
  const endpoint = await db().modelEndpoint.findUnique({ where: { id: endpointId }, select: endpointSelect });
  if (!endpoint) throw new AppError("NOT_FOUND", "No such model endpoint");
  return runEndpointTest(endpoint);
}

// Locked, so two changes to one endpoint (or an archive and a project's change) cannot interleave.
async function lockEndpoint(tx: Prisma.TransactionClient, endpointId: string): Promise<EndpointRow> {
  const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM model_endpoints WHERE id = ${endpointId}::uuid FOR UPDATE`;
  if (!locked) throw new AppError("NOT_FOUND", "No such model endpoint");
  return tx.modelEndpoint.findUniqueOrThrow({ where: { id: endpointId }, select: endpointSelect });
}

/**
 * Refuses to archive the last active endpoint of a live-conversation project: its workers would have
 * no model to talk to. The projects are locked first, so archiving two endpoints of one project at
 * once cannot leave it with none; the count after the lock sees the other's commit.
 */
async function refuseLastModelOfProjects(tx: Prisma.TransactionClient, endpoint: EndpointRow) {
  const projects = await tx.$queryRaw<{ id: string }[]>`SELECT p.id FROM projects p JOIN project_endpoints pe ON pe.project_id = p.id
    WHERE pe.endpoint_id = ${endpoint.id}::uuid AND p.judgment_kind = 'DIALOGUE' ORDER BY p.id FOR UPDATE OF p`;
  if (projects.length === 0) return;
  const stranded = await tx.$queryRaw<{ name: string; slug: string }[]>`SELECT p.name, p.slug FROM projects p
    WHERE p.id = ANY(${projects.map((project) => project.id)}::uuid[])
      AND NOT EXISTS (SELECT 1 FROM project_endpoints pe JOIN model_endpoints e ON e.id = pe.endpoint_id
                      WHERE pe.project_id = p.id AND e.id <> ${endpoint.id}::uuid AND e.archived_at IS NULL)
    ORDER BY p.name`;
  if (stranded.length === 0) return;
  const named = stranded.map((project) => `"${project.name}" (${project.slug})`).join(", ");
  throw new AppError(
    "CONFLICT",
    `"${endpoint.name}" is the last active model of the live-conversation project ${named}: add another model to ${stranded.length === 1 ? "that project" : "those projects"} before archiving it`,
  );
}

// The fields of `next` whose value differs from `current` (JSON comparison: stop is a list).
function changedFields<T extends Record<string, unknown>>(current: EndpointRow, next: T): Partial<T> {
  return Object.fromEntries(
    Object.entries(next).filter(([field, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(current[field as keyof EndpointRow])),
  ) as Partial<T>;
}

// Endpoint names are unique: a taken name is the admin's mistake, not a server error.
async function uniqueName<T>(name: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof Prisma.PrismaClientKnownRequestError && error.code === "P2002") {
      throw new AppError("CONFLICT", `There is already a model endpoint called "${name}"`, [{ field: "name", message: "already taken" }]);
    }
    throw error;
  }
}
