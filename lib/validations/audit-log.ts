import { z } from "zod";
import { isoDaySchema } from "@/lib/validations/iso-day";

// Empty form fields arrive as "": they mean no filter.
const optional = <S extends z.ZodType>(schema: S) => z.preprocess((value) => (value === "" ? undefined : value), schema.optional());

/** The audit log's filters, as a query string so a filtered view can be linked to. */
export const auditFiltersSchema = z
  .object({
    actor: optional(z.string().trim().max(200)),
    action: optional(z.string().trim().max(100)),
    targetType: optional(z.string().trim().max(100)),
    from: optional(isoDaySchema),
    to: optional(isoDaySchema),
  })
  .refine((filters) => !filters.from || !filters.to || filters.from <= filters.to, { message: "the start date is after the end date", path: ["from"] });

export type AuditFilters = z.output<typeof auditFiltersSchema>;

export const AUDIT_PAGE_SIZE = 50;
