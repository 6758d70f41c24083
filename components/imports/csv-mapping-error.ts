import { mappingFromDraft, type MappingDraft } from "@/components/imports/column-mapping-form";
import type { ApiError } from "@/components/imports/import-requests";
import { csvMappingSchema } from "@/lib/validations/import";

/** An unfinished CSV column mapping, said before the file is checked; null when it is complete. */
export function csvMappingError(mapping: MappingDraft): ApiError | null {
  const parsed = csvMappingSchema.safeParse(mappingFromDraft(mapping));
  if (parsed.success) return null;
  return {
    code: "INVALID_INPUT",
    message: "Finish the column mapping first.",
    details: parsed.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
  };
}
