import "server-only";
import { db } from "@/lib/db/prisma";
import { isAppError } from "@/lib/errors";
import type { Prisma } from "@/lib/generated/prisma/client";
import { AUDIT_PAGE_SIZE, auditFiltersSchema } from "@/lib/validations/audit-log";
import { parseInput } from "@/lib/validations/parse";

export type AuditRow = {
  id: string;
  createdAt: Date;
  actor: { id: string; email: string } | null;
  action: string;
  targetType: string;
  targetId: string | null;
  before: unknown;
  after: unknown;
};

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * The audit log, newest first, a page at a time. The cursor is the last row's place in the order
 * of recording, so paging stays right while new events arrive. Filters: actor (email, part of it),
 * action, target type, and UTC days from/to (both included).
 */
export async function findAuditEvents({ filters = {}, cursor, limit = AUDIT_PAGE_SIZE }: { filters?: unknown; cursor?: string | null; limit?: number }) {
  const { actor, action, targetType, from, to } = parseInput(auditFiltersSchema, filters);
  const after = parseCursor(cursor);
  const where: Prisma.AuditEventWhereInput = {
    AND: [
      actor ? { actor: { email: { contains: actor, mode: "insensitive" } } } : {},
      action ? { action } : {},
      targetType ? { targetType } : {},
      from ? { createdAt: { gte: new Date(`${from}T00:00:00Z`) } } : {},
      to ? { createdAt: { lt: new Date(new Date(`${to}T00:00:00Z`).getTime() + DAY_MS) } } : {},
      after === null ? {} : { seq: { lt: after } },
    ],
  };
  const rows = await db().auditEvent.findMany({
    where,
    orderBy: { seq: "desc" },
    take: limit + 1,
    select: {
      id: true,
      seq: true,
      createdAt: true,
      action: true,
      targetType: true,
      targetId: true,
      before: true,
      after: true,
      actor: { select: { id: true, email: true } },
    },
  });
  const events: AuditRow[] = rows.slice(0, limit).map(({ seq: _seq, ...event }) => event);
  const last = rows[limit - 1];
  return { events, nextCursor: rows.length > limit && last ? String(last.seq) : null };
}

/** The actions and target types recorded so far, for the filter's choices. */
export async function findAuditFilterChoices() {
  // Plain DISTINCT in SQL: Prisma's distinct reads every row and removes duplicates itself.
  const [actions, targetTypes] = await Promise.all([
    db().$queryRaw<{ value: string }[]>`SELECT DISTINCT action AS value FROM audit_events ORDER BY 1`,
    db().$queryRaw<{ value: string }[]>`SELECT DISTINCT target_type AS value FROM audit_events ORDER BY 1`,
  ]);
  return { actions: actions.map((row) => row.value), targetTypes: targetTypes.map((row) => row.value) };
}

// A cursor that does not parse starts from the newest: it came from a hand-edited link.
function parseCursor(cursor: string | null | undefined): bigint | null {
  return cursor && /^\d{1,18}$/.test(cursor) ? BigInt(cursor) : null;
}

/** The audit page: a page of events for the filters, and the choices the filter form offers. */
export async function findAuditLogPage({ query }: { query: Record<string, string | string[] | undefined> }) {
  const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
  const filters = { actor: first(query.actor), action: first(query.action), targetType: first(query.targetType), from: first(query.from), to: first(query.to) };
  const choices = await findAuditFilterChoices();
  try {
    return { ...(await findAuditEvents({ filters, cursor: first(query.cursor) })), ...choices, filters, error: null };
  } catch (error) {
    // Filters typed into the form are the person's to correct: show why, beside the form.
    if (isAppError(error) && error.code === "INVALID_INPUT")
      return { events: [], nextCursor: null, ...choices, filters, error: `Check the filters: ${error.message}` };
    throw error;
  }
}
