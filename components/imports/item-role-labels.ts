import type { ItemRoleName } from "@/lib/formats/reference-preference";

/** How the import form and the batch page name an item's role. */
export const ITEM_ROLE_LABELS: Record<ItemRoleName, string> = {
  task: "Tasks (collect judgments)",
  gold: "Gold items (known answers, hidden among tasks)",
  attention: "Attention checks",
  practice: "Practice set (qualification, with feedback)",
};
