import "server-only";
// The model endpoints as a project's settings name them: offered in the project form, and resolved
// from names on the command line.
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";

export type EndpointChoice = { id: string; name: string; modelId: string; archived: boolean };

/**
 * The endpoints a project may draw from: the active ones, and any archived one it already has, so that
 * saving its settings does not drop that link unasked.
 */
export async function findEndpointChoices({ including = [] }: { including?: string[] } = {}): Promise<EndpointChoice[]> {
  const rows = await db().modelEndpoint.findMany({
    where: { OR: [{ archivedAt: null }, { id: { in: including } }] },
    select: { id: true, name: true, modelId: true, archivedAt: true },
    orderBy: [{ archivedAt: { sort: "asc", nulls: "first" } }, { name: "asc" }],
  });
  return rows.map(({ archivedAt, ...row }) => ({ ...row, archived: archivedAt !== null }));
}

/** The ids of the endpoints named, in the order given. Unknown or archived names are refused, each by name. */
export async function findEndpointIdsByNames({ names }: { names: string[] }): Promise<string[]> {
  const wanted = [...new Set(names.map((name) => name.trim()).filter(Boolean))];
  const rows = await db().modelEndpoint.findMany({ where: { name: { in: wanted } }, select: { id: true, name: true, archivedAt: true } });
  const byName = new Map(rows.map((row) => [row.name, row]));
  const unknown = wanted.filter((name) => !byName.has(name));
  if (unknown.length > 0) throw new AppError("NOT_FOUND", `No model endpoint called ${quoted(unknown)}`);
  // An archived endpoint is never drawn, so a project on it alone would have no model to talk to.
  const archived = wanted.filter((name) => byName.get(name)!.archivedAt !== null);
  if (archived.length > 0) throw new AppError("CONFLICT", `Archived, so never drawn: ${quoted(archived)}. Restore it first (endpoint restore) or leave it out`);
  return wanted.map((name) => byName.get(name)!.id);
}

const quoted = (names: string[]) => names.map((name) => `"${name}"`).join(", ");
