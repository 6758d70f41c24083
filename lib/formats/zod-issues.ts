import type { z } from "zod";
import { closestFieldName, fieldNamesAt } from "@/lib/validations/field-suggestion";

export type FieldError = { field?: string; message: string };

/** ["responses", 1, "text"] -> "responses[1].text" (undefined for the whole input). */
export function formatFieldPath(path: readonly PropertyKey[]): string | undefined {
  const field = path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`)).join("");
  return field || undefined;
}

/**
 * zod issues -> "responses[1].text: expected a string" style field errors. An unknown field is named
 * itself ("strenght: unknown field"), with the closest known name when the schema is given.
 */
export function fieldErrorsFromZod(error: z.ZodError, schema?: z.ZodType): FieldError[] {
  return error.issues.flatMap((issue) => {
    if (issue.code !== "unrecognized_keys") return [{ field: formatFieldPath(issue.path), message: issue.message }];
    const known = schema ? fieldNamesAt(schema, issue.path) : [];
    return issue.keys.map((key) => {
      const suggestion = closestFieldName(key, known);
      return { field: formatFieldPath([...issue.path, key]), message: suggestion ? `unknown field; did you mean ${suggestion}?` : "unknown field" };
    });
  });
}
