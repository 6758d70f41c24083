// The SQL conditions of an export's options, so that what is not asked for is never read.
import { utcDayStart } from "@/lib/exports/cursor-rows";
import type { ExportOptions } from "@/lib/exports/export-options";

// Items by project and batch, their judgments by the UTC days they were made on.
export function itemFilters(options: ExportOptions): { items: string; judgments: string; params: unknown[] } {
  const params: unknown[] = [options.projects];
  const items = ["p.slug = ANY($1::text[])"];
  const judgments: string[] = [];
  if (options.batches.length > 0) {
    params.push(options.batches);
    items.push(`b.id = ANY($${params.length}::uuid[])`);
  }
  if (options.from) {
    params.push(options.from);
    judgments.push(`j.created_at >= ${utcDayStart(`$${params.length}`)}`);
  }
  if (options.to) {
    params.push(options.to);
    judgments.push(`j.created_at < ${utcDayStart(`$${params.length}`, 1)}`);
  }
  return { items: items.join(" AND "), judgments: judgments.map((condition) => ` AND ${condition}`).join(""), params };
}

// Projects and batches as for items; dates are the UTC days the conversations started on.
export function conversationFilters(options: ExportOptions): { where: string; params: unknown[] } {
  const params: unknown[] = [options.projects];
  const conditions = ["p.slug = ANY($1::text[])"];
  if (options.batches.length > 0) {
    params.push(options.batches);
    conditions.push(`c.batch_id = ANY($${params.length}::uuid[])`);
  }
  if (options.from) {
    params.push(options.from);
    conditions.push(`c.created_at >= ${utcDayStart(`$${params.length}`)}`);
  }
  if (options.to) {
    params.push(options.to);
    conditions.push(`c.created_at < ${utcDayStart(`$${params.length}`, 1)}`);
  }
  return { where: conditions.join(" AND "), params };
}
