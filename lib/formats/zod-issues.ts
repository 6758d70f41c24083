import type { z } from "zod";

export type FieldError = { field?: string; message: string };

/** zod issues -> "responses[1].text: expected a string" style field errors. */
export function fieldErrorsFromZod(error: z.ZodError): FieldError[] {
  return error.issues.map((issue) => {
    const field = issue.path.map((part, i) => (typeof part === "number" ? `[${part}]` : `${i === 0 ? "" : "."}${String(part)}`)).join("");
    return { field: field || undefined, message: issue.message };
  });
}
