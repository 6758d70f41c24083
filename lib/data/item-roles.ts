import "server-only";
import { can } from "@/lib/auth/permissions";
import { recordAuditEvent } from "@/lib/data/audit";
import type { Actor } from "@/lib/data/users";
import { db } from "@/lib/db/prisma";
import { AppError } from "@/lib/errors";
import { hasUsableReference, referenceNeededMessage, storedRole, type ItemRoleName } from "@/lib/formats/reference-preference";
import { isId } from "@/lib/validations/ids";
import { setItemRoleSchema, type SetItemRoleInput } from "@/lib/validations/item-role";
import { parseInput } from "@/lib/validations/parse";

export type ItemRoleResult = {
  itemId: string;
  batchId: string;
  projectSlug: string;
  role: ItemRoleName;
  isComplete: boolean;
  referenceNote: string | null;
  /** In import order, with the reference ranks as now stored. */
  candidates: { id: string; referenceRank: number | null }[];
};

type LockedItem = { batch_id: string; role: string; reference_note: string | null; slug: string; judgment_kind: string };
type CandidateRow = { id: string; reference_rank: number | null };

/**
 * Makes one item a task or a check item (gold, attention, practice), optionally setting its
 * reference preference (`best` ranked 1, the others 2) and its note. A check item without a usable
 * reference is refused, naming the field. is_complete changes in the same UPDATE: check items are
 * always complete; a task is complete once it has k plus its extra judgments. Recorded as item.role.
 */
export async function setItemRole({ actor, ...input }: SetItemRoleInput & { actor: Actor }): Promise<ItemRoleResult> {
  if (!can(actor.role, "project:manage")) throw new AppError("FORBIDDEN", `Your role (${actor.role}) may not change items`);
  if (!isId(input.itemId)) throw new AppError("NOT_FOUND", "No such item");
  const { itemId, role, best, note } = parseInput(setItemRoleSchema, input);
  return db().$transaction(async (tx) => {
    const [item] = await tx.$queryRaw<LockedItem[]>`
      SELECT i.batch_id, i.role::text AS role, i.reference_note, p.slug, p.judgment_kind::text AS judgment_kind
      FROM items i JOIN projects p ON p.id = i.project_id WHERE i.id = ${itemId}::uuid FOR UPDATE OF i`;
    if (!item) throw new AppError("NOT_FOUND", "No such item");
    if (item.judgment_kind === "DIALOGUE" && role !== "task") {
      throw new AppError("CONFLICT", "A turn of a live conversation cannot be a check item", [{ field: "role", message: "live turns are tasks" }]);
    }
    const before = await tx.$queryRaw<CandidateRow[]>`SELECT id, reference_rank FROM candidates WHERE item_id = ${itemId}::uuid ORDER BY position`;
    if (best !== undefined && !before.some((candidate) => candidate.id === best)) {
      throw new AppError("INVALID_INPUT", "best: not a response of this item", [{ field: "best", message: "not a response of this item" }]);
    }
    const ranks = before.map((candidate) => (best === undefined ? candidate.reference_rank : candidate.id === best ? 1 : 2));
    if (role !== "task" && !hasUsableReference(ranks)) {
      const message = `${referenceNeededMessage(role)}; give best, the id of the best response`;
      throw new AppError("INVALID_INPUT", `best: ${message}`, [{ field: "best", message }]);
    }
    if (best !== undefined) {
      await tx.$executeRaw`UPDATE candidates SET reference_rank = CASE WHEN id = ${best}::uuid THEN 1 ELSE 2 END WHERE item_id = ${itemId}::uuid`;
    }
    const referenceNote = note === undefined ? item.reference_note : note?.trim() || null;
    const [updated] = await tx.$queryRaw<{ is_complete: boolean }[]>`
      UPDATE items i SET role = ${storedRole(role)}::"ItemRole", reference_note = ${referenceNote},
        is_complete = CASE WHEN ${storedRole(role)}::"ItemRole" <> 'TASK' THEN true
                           ELSE i.judgment_count >= p.judgments_per_item + i.extra_judgments END
      FROM projects p WHERE p.id = i.project_id AND i.id = ${itemId}::uuid
      RETURNING i.is_complete`;
    const candidates = before.map((candidate, i) => ({ id: candidate.id, referenceRank: ranks[i] }));
    await recordAuditEvent(tx, {
      actor,
      action: "item.role",
      targetType: "item",
      targetId: itemId,
      before: { role: item.role.toLowerCase(), referenceRanks: before.map((c) => c.reference_rank), note: item.reference_note },
      after: { role, referenceRanks: ranks, note: referenceNote },
    });
    return { itemId, batchId: item.batch_id, projectSlug: item.slug, role, isComplete: updated.is_complete, referenceNote, candidates };
  });
}
