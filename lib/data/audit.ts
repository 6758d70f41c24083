import "server-only";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Database } from "@/lib/db/connection";
import type { SqlRunner } from "@/lib/db/sql-runner";
import type { Actor } from "@/lib/data/users";

/** What an admin did to what: "project.update" on a project, "user.block" on a user, ... */
export type AuditEntry = {
  actor: Pick<Actor, "id"> | null;
  action: string;
  targetType: string;
  targetId?: string | null;
  before?: unknown;
  after?: unknown;
};

type AuditClient = Database | Prisma.TransactionClient;

/**
 * Records an admin action. Call it with the transaction client that makes the change, so the
 * change and its record commit (or roll back) together.
 */
export async function recordAuditEvent(client: AuditClient, entry: AuditEntry): Promise<void> {
  await client.auditEvent.create({
    data: {
      actorId: entry.actor?.id ?? null,
      action: entry.action,
      targetType: entry.targetType,
      targetId: entry.targetId ?? null,
      before: toJson(entry.before),
      after: toJson(entry.after),
    },
  });
}

/** The same through a plain-SQL transaction, so the record commits (or rolls back) with the change it records. */
export async function recordAuditEventSql(sql: SqlRunner, entry: AuditEntry): Promise<void> {
  const json = (value: unknown) => (value === undefined || value === null ? null : JSON.stringify(toJson(value)));
  await sql.execute("INSERT INTO audit_events (actor_id, action, target_type, target_id, before, after) VALUES ($1::uuid, $2, $3, $4, $5::jsonb, $6::jsonb)", [
    entry.actor?.id ?? null,
    entry.action,
    entry.targetType,
    entry.targetId ?? null,
    json(entry.before),
    json(entry.after),
  ]);
}

// JSON round trip: dates become strings, BigInts are refused loudly rather than lost.
function toJson(value: unknown): Prisma.InputJsonValue | undefined {
  if (value === undefined || value === null) return undefined;
  return JSON.parse(JSON.stringify(value)) as Prisma.InputJsonValue;
}
