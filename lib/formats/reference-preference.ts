// The reference preference a check item (gold, attention, practice) is scored against: a rank on
// every response and exactly one best. The same rule as the references_ CTE of
// lib/data/quality/worker-signals-sql.ts, so that every check item stored can be scored.

export const ITEM_ROLES = ["task", "gold", "attention", "practice"] as const;
export type ItemRoleName = (typeof ITEM_ROLES)[number];

/** How the stored enum (ItemRole) spells a role. */
export function storedRole(role: ItemRoleName): "TASK" | "GOLD" | "ATTENTION" | "PRACTICE" {
  return role.toUpperCase() as "TASK" | "GOLD" | "ATTENTION" | "PRACTICE";
}

const ROLE_NOUNS: Record<Exclude<ItemRoleName, "task">, string> = {
  gold: "a gold item",
  attention: "an attention-check item",
  practice: "a practice item",
};

export function referenceNeededMessage(role: Exclude<ItemRoleName, "task">): string {
  return `${ROLE_NOUNS[role]} needs a reference preference: a rank on every response and exactly one best`;
}

/** Every response ranked, and exactly one of them best (rank 1). */
export function hasUsableReference(ranks: readonly (number | null)[]): boolean {
  if (ranks.length < 2 || ranks.some((rank) => rank === null)) return false;
  return ranks.filter((rank) => rank === 1).length === 1 && Math.min(...(ranks as number[])) === 1;
}
