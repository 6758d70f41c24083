import "server-only";
import { findGroups } from "@/lib/data/groups";
import { findInvites } from "@/lib/data/invites";
import { db } from "@/lib/db/prisma";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { Role } from "@/lib/generated/prisma/enums";
import { findPeopleSchema, PEOPLE_PAGE_SIZE } from "@/lib/validations/user";
import { parseInput } from "@/lib/validations/parse";

export type PersonRow = {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  blockedAt: Date | null;
  groups: { id: string; name: string }[];
  judgmentCount: number;
  lastActiveAt: Date | null;
};

/** The people list for admins: search on email or name, filter by role or group, 50 a page, newest first. */
export async function findPeople(input: unknown = {}) {
  const { search, role, group, page } = parseInput(findPeopleSchema, input);
  const where: Prisma.UserWhereInput = {
    ...(role && { role }),
    ...(group && { memberships: { some: { groupId: group } } }),
    ...(search && { OR: [{ email: { contains: search, mode: "insensitive" } }, { name: { contains: search, mode: "insensitive" } }] }),
  };
  const [total, users] = await Promise.all([
    db().user.count({ where }),
    db().user.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "asc" }],
      skip: (page - 1) * PEOPLE_PAGE_SIZE,
      take: PEOPLE_PAGE_SIZE,
      select: {
        id: true,
        email: true,
        name: true,
        role: true,
        blockedAt: true,
        memberships: { select: { group: { select: { id: true, name: true } } }, orderBy: { group: { name: "asc" } } },
        _count: { select: { judgments: true } },
        // Claiming a task is the latest thing a worker does that the database sees.
        assignments: { select: { createdAt: true }, orderBy: { createdAt: "desc" }, take: 1 },
      },
    }),
  ]);
  const people: PersonRow[] = users.map((user) => ({
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    blockedAt: user.blockedAt,
    groups: user.memberships.map((membership) => membership.group),
    judgmentCount: user._count.judgments,
    lastActiveAt: user.assignments[0]?.createdAt ?? null,
  }));
  return { people, total, page, pageCount: Math.max(1, Math.ceil(total / PEOPLE_PAGE_SIZE)), search, role, group };
}

/** Everything the people page shows: the list asked for, the groups, and the recent invites. */
export async function findPeopleConsole(input: unknown = {}) {
  const [list, groups, invites] = await Promise.all([findPeople(input), findGroups(), findInvites()]);
  return { ...list, groups, invites };
}
