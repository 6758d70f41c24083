import { z } from "zod";

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
