import type { z } from "zod";
import { AppError } from "@/lib/errors";
import { fieldErrorsFromZod } from "@/lib/formats/zod-issues";

/** Parses input at a boundary; a failure is an INVALID_INPUT error naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  const details = fieldErrorsFromZod(parsed.error);
  const summary = details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join("; ");
  throw new AppError("INVALID_INPUT", summary, details);
}
