import { z } from "zod";

const MESSAGE = "use a date like 2026-11-27";

/**
 * A UTC day, YYYY-MM-DD, that exists on the calendar: 2026-13-45 and 2026-02-30 are refused here
 * rather than failing the query later. From 1970 on, as PostgreSQL has no year 0.
 */
export const isoDaySchema = z.iso.date({ error: MESSAGE }).refine((day) => day >= "1970-01-01", "use a date from 1970-01-01 on");
