import "server-only";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/data/users";
import { recordAuditEvent } from "@/lib/data/audit";
import { findConversationCounts, type ConversationCounts } from "@/lib/data/conversation-counts";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { FlagOption } from "@/lib/judgment-scales";
import {
  createProjectSchema,
  dialogueSettingProblems,
  FROZEN_ONCE_JUDGED,
  qualitySettingProblems,
  updateProjectSchema,
  type CreateProjectInput,
  type UpdateProjectInput,
} from "@/lib/validations/project";
import { parseInput } from "@/lib/validations/parse";

const projectSelect = {
  id: true,
  slug: true,
  name: true,
  question: true,
  polarity: true,
  judgmentKind: true,
  judgmentsPerItem: true,
  leaseSeconds: true,
  samplesPerTurn: true,
  redTeam: true,
  goldRate: true,
  qualificationPassMark: true,
  overlapMax: true,
  createdAt: true,
} as const;

const settingsSelect = {
  name: true,
  instructions: true,
  question: true,
  polarity: true,
  judgmentKind: true,
  judgmentsPerItem: true,
  leaseSeconds: true,
  maxOpenLeases: true,
  dailyCap: true,
  pairwiseScale: true,
  allowTies: true,
  allowBothBad: true,
  flagOptions: true,
  rationaleMode: true,
  rationaleMinLength: true,
  samplesPerTurn: true,
  minTurns: true,
  maxTurns: true,
  pairingRule: true,
  redTeam: true,
  goldRate: true,
  goldMinAnswers: true,
  goldThreshold: true,
  qualificationPassMark: true,
  overlapMax: true,
  overlapDisagreement: true,
} as const;

type DialogueFields = { judgmentKind?: string; judgmentsPerItem?: number; allowBothBad?: boolean; minTurns?: number; maxTurns?: number; pairingRule?: string };

/**
 * A live-conversation project has one judgment per turn (the conversing worker's; second opinions go
 * through a review batch) and no "both bad" (a turn needs a pick to go on with). Its settings must fit
 * together with the endpoints it will have.
 */
function withDialogueRules<T extends DialogueFields>(settings: T, merged: Required<DialogueFields>, endpointCount: number): T {
  const problems = dialogueSettingProblems({ ...merged, endpointCount });
  if (problems.length > 0) throw new AppError("INVALID_INPUT", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);
  return merged.judgmentKind === "DIALOGUE" ? { ...settings, judgmentsPerItem: 1, allowBothBad: false } : settings;
}

/** Refuses quality settings that do not fit the rest, as they will be after the change. */
function refuseQualityProblems(merged: { judgmentKind: string; judgmentsPerItem: number; overlapMax: number | null }) {
  const problems = qualitySettingProblems(merged);
  if (problems.length > 0) throw new AppError("INVALID_INPUT", problems.map((p) => `${p.field}: ${p.message}`).join("; "), problems);
}

const DIALOGUE_DEFAULTS: Required<DialogueFields> = {
  judgmentKind: "PAIRWISE",
  judgmentsPerItem: 1,
  allowBothBad: false,
  minTurns: 1,
  maxTurns: 5,
  pairingRule: "RANDOM_MODELS",
};

export async function createProject({ actor, input }: { actor: Actor | null; input: CreateProjectInput }) {
  const { groupIds = [], endpointIds = [], ...parsed } = parseInput(createProjectSchema, input);
  const data = withDialogueRules(parsed, { ...DIALOGUE_DEFAULTS, ...definedOnly(parsed) }, new Set(endpointIds).size);
  refuseQualityProblems({ judgmentKind: data.judgmentKind ?? "PAIRWISE", judgmentsPerItem: data.judgmentsPerItem ?? 1, overlapMax: data.overlapMax ?? null });
  return db().$transaction(async (tx) => {
    const existing = await tx.project.findUnique({ where: { slug: data.slug }, select: { id: true } });
    if (existing) throw new AppError("CONFLICT", `A project with slug "${data.slug}" already exists`, [{ field: "slug", message: "already taken" }]);
    const project = await tx.project.create({
      data: {
        ...data,
        groups: { create: groupIds.map((groupId) => ({ groupId })) },
        endpoints: { create: [...new Set(endpointIds)].map((endpointId) => ({ endpointId })) },
      },
      select: projectSelect,
    });
    await recordAuditEvent(tx, { actor, action: "project.create", targetType: "project", targetId: project.id, after: { ...data, groupIds, endpointIds } });
    return project;
  });
}

export async function findProjectBySlug({ slug }: { slug: string }) {
  const project = await db().project.findUnique({ where: { slug }, select: { ...projectSelect, instructions: true } });
  if (!project) throw new AppError("NOT_FOUND", `No project with slug "${slug}"`);
  return project;
}

/** Everything the settings form edits, with whether judgments exist (some settings are then frozen). */
export async function findProjectSettings({ slug }: { slug: string }) {
  const project = await db().project.findUnique({
    where: { slug },
    select: {
      id: true,
      slug: true,
      ...settingsSelect,
      groups: { select: { groupId: true } },
      endpoints: { select: { endpointId: true } },
      judgments: { select: { id: true }, take: 1 },
    },
  });
  if (!project) throw new AppError("NOT_FOUND", `No project with slug "${slug}"`);
  const { groups, endpoints, judgments, flagOptions, ...settings } = project;
  return {
    ...settings,
    flagOptions: flagOptions as FlagOption[],
    groupIds: groups.map((group) => group.groupId),
    endpointIds: endpoints.map((endpoint) => endpoint.endpointId),
    hasJudgments: judgments.length > 0,
  };
}

/** The groups a project can be opened to (managed on the People page). */
export async function findGroupChoices() {
  return db().group.findMany({ select: { id: true, name: true }, orderBy: { name: "asc" } });
}

/**
 * Changes a project's settings. Settings that would change the meaning of judgments already stored
 * are refused once there are any, each named with why, and nothing is changed. A new k re-marks
 * which items are complete in the same transaction: that flag is what claims walk.
 */
export async function updateProject({ actor, slug, input }: { actor: Actor; slug: string; input: UpdateProjectInput }) {
  const { groupIds, endpointIds, ...parsed } = parseInput(updateProjectSchema, input);
  return db().$transaction(async (tx) => {
    // Locked, so a concurrent update cannot slip a change past the checks below.
    const [locked] = await tx.$queryRaw<{ id: string }[]>`SELECT id FROM projects WHERE slug = ${slug} FOR UPDATE`;
    if (!locked) throw new AppError("NOT_FOUND", `No project with slug "${slug}"`);
    const current = await tx.project.findUniqueOrThrow({
      where: { id: locked.id },
      select: { ...settingsSelect, groups: { select: { groupId: true } }, endpoints: { select: { endpointId: true } } },
    });
    const { groups, endpoints, ...currentSettings } = current;
    const members = {
      groupIds: memberChange(
        groups.map((group) => group.groupId),
        groupIds,
      ),
      endpointIds: memberChange(
        endpoints.map((endpoint) => endpoint.endpointId),
        endpointIds,
      ),
    };
    const endpointCount = (members.endpointIds.next ?? members.endpointIds.current).length;
    const data = withDialogueRules(parsed, { ...currentSettings, ...definedOnly(parsed) }, endpointCount);
    refuseQualityProblems({ ...currentSettings, ...definedOnly(data) });
    const changed = changedSettings(currentSettings, data);
    await refuseFrozenChanges(tx, locked.id, changed);
    const changedMembers = (Object.keys(members) as (keyof typeof members)[]).filter((field) => members[field].next !== null);
    if (Object.keys(changed).length === 0 && changedMembers.length === 0) return { slug, changed: [] as string[] };

    await tx.project.update({ where: { id: locked.id }, data: changed as Prisma.ProjectUpdateInput });
    if (changed.judgmentsPerItem !== undefined) {
      // Only TASK items fill k (checks are never handed out by that pick), and overlap may want more.
      await tx.$executeRaw`UPDATE items SET is_complete = (role <> 'TASK' OR judgment_count >= ${changed.judgmentsPerItem} + extra_judgments)
        WHERE project_id = ${locked.id}::uuid
          AND is_complete IS DISTINCT FROM (role <> 'TASK' OR judgment_count >= ${changed.judgmentsPerItem} + extra_judgments)`;
    }
    if (members.groupIds.next) {
      await tx.projectGroup.deleteMany({ where: { projectId: locked.id } });
      await tx.projectGroup.createMany({ data: members.groupIds.next.map((groupId) => ({ projectId: locked.id, groupId })) });
    }
    if (members.endpointIds.next) {
      await tx.projectEndpoint.deleteMany({ where: { projectId: locked.id } });
      await tx.projectEndpoint.createMany({ data: members.endpointIds.next.map((endpointId) => ({ projectId: locked.id, endpointId })) });
    }
    const before = Object.fromEntries(Object.keys(changed).map((field) => [field, currentSettings[field as keyof typeof currentSettings]]));
    for (const field of changedMembers) [before[field], (changed as Record<string, unknown>)[field]] = [members[field].current, members[field].next];
    await recordAuditEvent(tx, { actor, action: "project.update", targetType: "project", targetId: locked.id, before, after: changed });
    return { slug, changed: Object.keys(changed) };
  });
}

/** A list of members (groups, endpoints) as stored, and the new one if it differs (as sets). */
function memberChange(current: string[], wanted: string[] | undefined): { current: string[]; next: string[] | null } {
  const sorted = [...current].sort();
  if (wanted === undefined) return { current: sorted, next: null };
  const next = [...new Set(wanted)].sort();
  return { current: sorted, next: JSON.stringify(next) === JSON.stringify(sorted) ? null : next };
}

async function refuseFrozenChanges(tx: Prisma.TransactionClient, projectId: string, changed: Record<string, unknown>) {
  const frozen = (Object.keys(FROZEN_ONCE_JUDGED) as (keyof typeof FROZEN_ONCE_JUDGED)[]).filter((field) => field in changed);
  if (frozen.length === 0 || (await tx.judgment.count({ where: { projectId }, take: 1 })) === 0) return;
  const details = frozen.map((field) => ({ field, message: `cannot change once judgments exist: ${FROZEN_ONCE_JUDGED[field]}` }));
  throw new AppError("CONFLICT", details.map((d) => `${d.field} ${d.message}`).join("; "), details);
}

function definedOnly<T extends Record<string, unknown>>(values: T): Partial<T> {
  return Object.fromEntries(Object.entries(values).filter(([, value]) => value !== undefined)) as Partial<T>;
}

// The fields of `next` whose value differs from `current` (JSON comparison: flags are a list).
function changedSettings<T extends Record<string, unknown>>(current: T, next: Partial<T>): Partial<T> {
  return Object.fromEntries(
    Object.entries(next).filter(([field, value]) => value !== undefined && JSON.stringify(value) !== JSON.stringify(current[field])),
  ) as Partial<T>;
}

/**
 * Staff overview: every project with its collection progress, of task items only (check items are
 * scored, not collected); a task wants k judgments plus its extra ones (dynamic overlap).
 */
export async function findProjectsWithProgress() {
  const projects = await db().project.findMany({
    select: {
      ...projectSelect,
      _count: { select: { items: { where: { role: "TASK" } }, judgments: { where: { item: { role: "TASK" } } }, batches: true } },
      batches: { select: { id: true, name: true, status: true }, orderBy: { createdAt: "asc" } },
    },
    orderBy: { createdAt: "asc" },
  });
  // A live-conversation project's progress is its conversations: it has no target number of judgments.
  const dialogueIds = projects.filter((project) => project.judgmentKind === "DIALOGUE").map((project) => project.id);
  const conversations = await findConversationCounts({ projectIds: dialogueIds });
  const extras = await db().item.groupBy({ by: ["projectId"], where: { role: "TASK" }, _sum: { extraJudgments: true } });
  const extraJudgments = new Map(extras.map((row) => [row.projectId, row._sum.extraJudgments ?? 0]));
  return projects.map(({ _count, ...project }) => ({
    ...project,
    itemCount: _count.items,
    judgmentCount: _count.judgments,
    batchCount: _count.batches,
    judgmentsWanted: _count.items * project.judgmentsPerItem + (extraJudgments.get(project.id) ?? 0),
    conversations: (conversations.get(project.id) ?? null) as ConversationCounts | null,
  }));
}
