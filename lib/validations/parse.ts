import type { z } from "zod";
import { AppError, type ErrorDetail } from "@/lib/errors";
import { fieldErrorsFromZod, formatFieldPath } from "@/lib/formats/zod-issues";
import { findUnstorableText } from "@/lib/validations/storable-text";

function invalidInput(details: ErrorDetail[]): AppError {
  const summary = details.map((d) => (d.field ? `${d.field}: ${d.message}` : d.message)).join("; ");
  return new AppError("INVALID_INPUT", summary, details);
}

/**
 * Refuses text PostgreSQL cannot store (a NUL, a broken surrogate) anywhere in an input, naming where:
 * left to the database, it would fail the query and answer 500.
 */
export function assertStorableText(input: unknown): void {
  const problem = findUnstorableText(input);
  if (problem) throw invalidInput([{ field: formatFieldPath(problem.path), message: problem.message }]);
}

/** Parses input at a boundary; a failure is an INVALID_INPUT error naming each field. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  assertStorableText(input);
  const parsed = schema.safeParse(input);
  if (parsed.success) return parsed.data;
  throw invalidInput(fieldErrorsFromZod(parsed.error, schema));
}
