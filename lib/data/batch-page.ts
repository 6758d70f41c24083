import "server-only";
import { BATCH_ITEMS_PAGE_SIZE, findBatchItems } from "@/lib/data/batch-items";
import { findBatchProgress } from "@/lib/data/batch-progress";
import type { Actor } from "@/lib/data/users";

/** What the batch page shows: its progress and one page of its items. Staff only (see the page). */
export async function findBatchPage({ actor, batchId, page }: { actor: Actor; batchId: string; page?: string }) {
  const [progress, items] = await Promise.all([findBatchProgress({ batchId }), findBatchItems({ actor, batchId, page })]);
  // The list shows every item, check items too; progress counts tasks only.
  const total = progress.itemsTotal + progress.checkItems;
  return { progress, items: { ...items, total, pageCount: Math.max(1, Math.ceil(total / BATCH_ITEMS_PAGE_SIZE)) } };
}
