import { z } from "zod";

/**
 * A page number from a query string. A hand-edited one that is not a whole number from 1 to `max`
 * (1.5, 1e21, -3, "abc") is page 1: a link to a list should not become an error page, and a
 * fraction or a huge number must never reach SQL's OFFSET.
 */
export function pageNumberSchema(max = 10_000) {
  return z.coerce.number().int().min(1).max(max).catch(1);
}
