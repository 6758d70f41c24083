import { z } from "zod";
import { AppError } from "@/lib/errors";

// Every row id is a UUID (gen_random_uuid() in the schema, randomUUID() for uploads).
const anyId = z.uuid();

/** An id at a boundary: a malformed one is refused as "not a <what> id". */
export function idSchema(what: string) {
  return z.uuid({ error: `not ${/^[aeiou]/i.test(what) ? "an" : "a"} ${what} id` });
}

/**
 * For ids from a URL or a session: a malformed one is simply not found, and never reaches SQL's
 * `::uuid` cast (which would fail the query).
 */
export function isId(value: unknown): value is string {
  return anyId.safeParse(value).success;
}

/** The id, or NOT_FOUND for a malformed one: what a data function does with an id from a URL. */
export function idOrNotFound(value: string, what: string): string {
  if (!isId(value)) throw new AppError("NOT_FOUND", `No ${what} with this id`);
  return value;
}
