import { z } from "zod";
import { idSchema } from "@/lib/validations/ids";

export const slugSchema = z
  .string()
  .trim()
  .min(2, "slugs need at least 2 characters")
  .max(60, "slugs have at most 60 characters")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "use lowercase letters, digits and single hyphens, like helpful-v1");

const flagOptionsSchema = z
  .array(
    z.strictObject({
      id: z
        .string()
        .max(60, "flag ids have at most 60 characters")
        .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "flag ids use lowercase letters, digits and hyphens"),
      label: z.string().trim().min(1, "give each flag a label").max(60),
    }),
  )
  .max(12, "at most 12 flags")
  .refine((flags) => new Set(flags.map((flag) => flag.id)).size === flags.length, "flag ids must be unique");

/** Every setting of a project but its slug, which names it in URLs and exports and never changes. */
const projectSettingsShape = {
  name: z.string().trim().min(1, "give the project a name").max(200),
  instructions: z.string().max(100_000),
  question: z.string().trim().min(1, "ask the workers a question").max(500),
  polarity: z.enum(["HELPFUL", "HARMLESS", "RED_TEAM", "CUSTOM"]),
  judgmentKind: z.enum(["PAIRWISE", "RANKING", "DIALOGUE"]),
  judgmentsPerItem: z.coerce.number().int().min(1, "k is at least 1").max(100, "k is at most 100"),
  leaseSeconds: z.coerce.number().int().min(30, "leases last at least 30 seconds").max(86_400, "leases last at most a day"),
  maxOpenLeases: z.coerce.number().int().min(1, "at least 1").max(50, "at most 50"),
  // Null: no daily cap.
  dailyCap: z.coerce.number().int().min(1, "at least 1 task a day, or leave empty for no cap").max(100_000).nullable(),
  pairwiseScale: z.enum(["EIGHT_POINT", "SEVEN_POINT", "BINARY"]),
  allowTies: z.boolean(),
  allowBothBad: z.boolean(),
  flagOptions: flagOptionsSchema,
  rationaleMode: z.enum(["OFF", "OPTIONAL", "REQUIRED"]),
  rationaleMinLength: z.coerce.number().int().min(0).max(10_000),
  // Who may work on it: no groups is everyone.
  groupIds: z.array(idSchema("group")).max(100),
  // Live conversations (DIALOGUE): the models to talk to and how each turn draws its samples.
  endpointIds: z.array(idSchema("model endpoint")).max(50),
  samplesPerTurn: z.coerce.number().int().min(2, "at least 2 samples a turn").max(4, "at most 4 samples a turn"),
  minTurns: z.coerce.number().int().min(1, "at least 1 turn").max(20, "at most 20 turns"),
  maxTurns: z.coerce.number().int().min(1, "at least 1 turn").max(50, "at most 50 turns"),
  pairingRule: z.enum(["SAME_MODEL", "RANDOM_MODELS", "BALANCED", "ADAPTIVE"]),
  redTeam: z.boolean(),
  // Quality checks (docs/quality.md): shares are fractions, as stored and as the API takes them.
  goldRate: z.coerce
    .number()
    .min(0, "the gold rate is 0 to 0.5 (0 is no gold items)")
    .max(0.5, "the gold rate is 0 to 0.5: at most every other claim is a check"),
  goldMinAnswers: z.coerce
    .number()
    .int("the minimum gold answers is a whole number")
    .min(1, "at least 1 gold answer before a pause")
    .max(1000, "at most 1000 gold answers"),
  goldThreshold: z.coerce.number().min(0, "the gold threshold is 0 to 1").max(1, "the gold threshold is 0 to 1"),
  // Null: no qualification.
  qualificationPassMark: z.coerce
    .number()
    .min(0, "the pass mark is 0 to 1, or empty for no qualification")
    .max(1, "the pass mark is 0 to 1, or empty for no qualification")
    .nullable(),
  // Null: no dynamic overlap. It must also be above k (qualitySettingProblems).
  overlapMax: z.coerce
    .number()
    .int("overlap max is a whole number")
    .min(2, "overlap max is greater than k, so at least 2")
    .max(100, "overlap max is at most 100")
    .nullable(),
  overlapDisagreement: z.coerce.number().min(0, "the disagreement share is 0 to 1").max(1, "the disagreement share is 0 to 1"),
};

/** Settings that only make sense together, checked on the settings as they will be after a change. */
export function dialogueSettingProblems(settings: {
  judgmentKind: string;
  minTurns: number;
  maxTurns: number;
  pairingRule: string;
  endpointCount: number;
}): { field: string; message: string }[] {
  if (settings.judgmentKind !== "DIALOGUE") return [];
  const problems: { field: string; message: string }[] = [];
  if (settings.minTurns > settings.maxTurns) problems.push({ field: "minTurns", message: "the minimum number of turns is above the maximum" });
  if (settings.pairingRule !== "SAME_MODEL" && settings.endpointCount === 1) {
    problems.push({ field: "pairingRule", message: "comparing different models needs at least two endpoints; choose another or use one model's samples" });
  }
  return problems;
}

/** The quality settings that only make sense together: overlap adds judgments beyond k, so its maximum is above k. */
export function qualitySettingProblems(settings: {
  judgmentKind: string;
  judgmentsPerItem: number;
  overlapMax: number | null;
}): { field: string; message: string }[] {
  if (settings.overlapMax === null || settings.judgmentKind === "DIALOGUE") return [];
  if (settings.overlapMax > settings.judgmentsPerItem) return [];
  return [{ field: "overlapMax", message: `overlap max must be greater than k (${settings.judgmentsPerItem}), or empty for no dynamic overlap` }];
}

export const createProjectSchema = z
  .strictObject({ slug: slugSchema.refine((slug) => slug !== "new", '"new" is reserved'), ...projectSettingsShape })
  .partial()
  .required({ slug: true, name: true });

export const updateProjectSchema = z.strictObject(projectSettingsShape).partial();

/** Settings that change what stored judgments mean, so they are frozen once the project has any. */
export const FROZEN_ONCE_JUDGED = {
  judgmentKind: "the judgments already stored are of the other kind",
  pairwiseScale: "the strengths already stored are positions on the old scale",
  polarity: "it flips which response is `chosen` in exports of the judgments already stored",
  samplesPerTurn: "the turns already answered compared another number of samples",
} as const;

/** "harmful:Harmful,wrong:Factually wrong" (the CLI's way to give flags). */
export function parseFlagList(list: string): { id: string; label: string }[] {
  return list
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .map((entry) => {
      const [id, ...label] = entry.split(":");
      return { id: id.trim(), label: label.join(":").trim() || id.trim() };
    });
}

export type CreateProjectInput = z.input<typeof createProjectSchema>;
export type UpdateProjectInput = z.input<typeof updateProjectSchema>;
export type ProjectSettings = z.output<typeof updateProjectSchema>;

/**
 * The settings form's fields as the schemas take them. Checkboxes send "on" or nothing; flags
 * travel as one JSON field; an empty daily cap is no cap.
 */
export function projectInputFromForm(form: FormData): Record<string, unknown> {
  const text = (name: string) => (form.has(name) ? String(form.get(name) ?? "") : undefined);
  const flags = text("flagOptions");
  const dailyCap = text("dailyCap");
  // Empty is null for the settings that null switches off.
  const orNull = (value: string | undefined) => (value === undefined ? undefined : value.trim() === "" ? null : value);
  const input: Record<string, unknown> = {
    slug: text("slug"),
    name: text("name"),
    instructions: text("instructions"),
    question: text("question"),
    polarity: text("polarity"),
    judgmentKind: text("judgmentKind"),
    judgmentsPerItem: text("judgmentsPerItem"),
    leaseSeconds: form.has("leaseMinutes") ? Math.round(Number(form.get("leaseMinutes")) * 60) : undefined,
    maxOpenLeases: text("maxOpenLeases"),
    dailyCap: orNull(dailyCap),
    pairwiseScale: text("pairwiseScale"),
    allowTies: form.has("settings") ? form.get("allowTies") === "on" : undefined,
    allowBothBad: form.has("settings") ? form.get("allowBothBad") === "on" : undefined,
    flagOptions: flags === undefined ? undefined : safeJson(flags),
    rationaleMode: text("rationaleMode"),
    rationaleMinLength: text("rationaleMinLength"),
    groupIds: form.has("access") ? (form.get("access") === "groups" ? form.getAll("groupIds").map(String) : []) : undefined,
    endpointIds: form.has("dialogue") ? form.getAll("endpointIds").map(String) : undefined,
    samplesPerTurn: text("samplesPerTurn"),
    minTurns: text("minTurns"),
    maxTurns: text("maxTurns"),
    pairingRule: text("pairingRule"),
    redTeam: form.has("dialogue") ? form.get("redTeam") === "on" : undefined,
    goldRate: text("goldRate"),
    goldMinAnswers: text("goldMinAnswers"),
    goldThreshold: text("goldThreshold"),
    qualificationPassMark: orNull(text("qualificationPassMark")),
    overlapMax: orNull(text("overlapMax")),
    overlapDisagreement: text("overlapDisagreement"),
  };
  return Object.fromEntries(Object.entries(input).filter(([, value]) => value !== undefined && value !== ""));
}

// Text that is not JSON is passed on as it is, for the schema to refuse with the field's message.
function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
