import { z } from "zod";
import { idSchema } from "@/lib/validations/ids";

export const PLATFORMS = ["PROLIFIC", "MTURK"] as const;
export type PlatformName = (typeof PLATFORMS)[number];

/** What MTurk sends in assignmentId while a worker only previews the HIT. */
export const MTURK_PREVIEW_ASSIGNMENT = "ASSIGNMENT_ID_NOT_AVAILABLE";

/** Where MTurk's ExternalQuestion may post back: production and the sandbox. */
export const MTURK_SUBMIT_ORIGINS = ["https://www.mturk.com", "https://workersandbox.mturk.com"] as const;

// Platform ids (Prolific's 24 hex digits, MTurk's upper-case ids) fit easily; anything else is refused
// before it reaches an email address, a URL or a query.
const platformId = z
  .string({ error: (issue) => (issue.input === undefined ? "is missing" : "must be text") })
  .trim()
  .min(1, "is empty")
  .max(64, "is longer than 64 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "may hold only letters, digits, '-' and '_'");

export const prolificEntrySchema = z.object({
  PROLIFIC_PID: platformId,
  STUDY_ID: platformId,
  SESSION_ID: platformId,
});

export type ProlificEntry = z.output<typeof prolificEntrySchema>;

/**
 * An MTurk submit origin is MTurk's own, or one the environment allows (MTURK_SUBMIT_HOSTS, for
 * tests): an allowed entry without a port allows any port of that host.
 */
export function isAllowedSubmitOrigin(url: URL, extraOrigins: readonly string[]): boolean {
  if ((MTURK_SUBMIT_ORIGINS as readonly string[]).includes(url.origin)) return true;
  return extraOrigins.some((entry) => {
    const allowed = URL.canParse(entry) ? new URL(entry) : null;
    if (!allowed) return false;
    return allowed.port ? allowed.origin === url.origin : allowed.protocol === url.protocol && allowed.hostname === url.hostname;
  });
}

/** MTurk's link once the worker has accepted the HIT (a preview is told apart by isMturkPreview). */
export function mturkEntrySchema({ extraSubmitOrigins = [] }: { extraSubmitOrigins?: readonly string[] } = {}) {
  const turkSubmitTo = z
    .string({ error: (issue) => (issue.input === undefined ? "is missing" : "must be text") })
    .max(200, "is longer than 200 characters")
    .refine((value) => URL.canParse(value), "is not a URL")
    .transform((value) => new URL(value))
    .refine((url) => url.pathname === "/" && !url.search && !url.username && !url.password, "must be an origin like https://www.mturk.com")
    .refine((url) => isAllowedSubmitOrigin(url, extraSubmitOrigins), "must be https://www.mturk.com or https://workersandbox.mturk.com")
    .transform((url) => url.origin);
  return z.object({ assignmentId: platformId, workerId: platformId, hitId: platformId, turkSubmitTo });
}

export type MturkEntry = z.output<ReturnType<typeof mturkEntrySchema>>;

/** A preview carries no worker (MTurk still sends the HIT and the submit address, not needed then). */
export function isMturkPreview(query: Record<string, unknown>): boolean {
  return query.assignmentId === MTURK_PREVIEW_ASSIGNMENT;
}

export const completionCodeSchema = z
  .string()
  .trim()
  .min(4, "completion codes have at least 4 characters")
  .max(64, "completion codes have at most 64 characters")
  .regex(/^[A-Za-z0-9_-]+$/, "use letters, digits, '-' and '_'");

/** The places a new study offers unless the admin says otherwise. */
export const DEFAULT_MAX_PARTICIPANTS = 100;

// The platform accounts a study lets in: the places the admin pays for, so that a typed-in id cannot
// make accounts without end.
const maxParticipants = z.coerce
  .number({ error: "a whole number of participants" })
  .int("a whole number of participants")
  .min(1, "at least 1 participant")
  .max(100_000, "at most 100,000 participants");

export const createStudySchema = z
  .strictObject({
    projectId: idSchema("project"),
    platform: z.enum(PLATFORMS, { error: "platform must be PROLIFIC or MTURK" }),
    name: z.string().trim().min(1, "give the study a name").max(200),
    requiredJudgments: z.coerce.number().int("a whole number").min(1, "at least 1 judgment").max(10_000, "at most 10,000 judgments"),
    maxParticipants: maxParticipants.default(DEFAULT_MAX_PARTICIPANTS),
    completionCode: z.string().trim().max(64, "completion codes have at most 64 characters").optional(),
  })
  .transform((study, context) => {
    if (study.platform === "MTURK") return { ...study, completionCode: null };
    const code = completionCodeSchema.safeParse(study.completionCode ?? "");
    if (code.success) return { ...study, completionCode: code.data };
    context.addIssue({ code: "custom", path: ["completionCode"], message: code.error.issues[0].message });
    return z.NEVER;
  });

export type CreateStudyInput = z.input<typeof createStudySchema>;

export const studyIdSchema = idSchema("study");

export const updateStudyPlacesSchema = z.object({ studyId: idSchema("study"), maxParticipants });

export type UpdateStudyPlacesInput = z.input<typeof updateStudyPlacesSchema>;
