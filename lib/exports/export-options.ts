// What an export is asked for: one format, one file type, and options. Shared by the export form,
// the API, the CLI and the job; normalised so the same request always means the same bytes.
import { z } from "zod";
import { idSchema } from "@/lib/validations/ids";
import { isoDaySchema } from "@/lib/validations/iso-day";

export const EXPORT_FORMATS = [
  "hh-rlhf",
  "trl",
  "trl-conversational",
  "trl-implicit",
  "openai-dpo",
  "kto",
  "ranking",
  "ranking-pairs",
  "judgments",
  "conversations",
] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const FILE_TYPES = ["jsonl", "jsonl.gz", "csv", "parquet", "hf-dataset"] as const;
export type FileType = (typeof FILE_TYPES)[number];

export const AGGREGATIONS = ["per-judgment", "majority", "mean-strength"] as const;
export const STRENGTH_POLICIES = ["keep", "drop-weakest", "margin"] as const;

export const EXPORT_FORMAT_LABELS: Record<ExportFormat, string> = {
  "hh-rlhf": "HH-RLHF transcripts (chosen / rejected)",
  trl: "TRL preference, standard (prompt / chosen / rejected strings)",
  "trl-conversational": "TRL preference, conversational (lists of messages)",
  "trl-implicit": "TRL preference, implicit prompt (whole conversations)",
  "openai-dpo": "OpenAI preference fine-tuning (input / preferred_output / non_preferred_output)",
  kto: "KTO, unpaired (prompt / completion / label)",
  ranking: "Rankings (all completions and their ranks)",
  "ranking-pairs": "Ranking pairs (every ordered pair, InstructGPT style)",
  judgments: "Raw judgments, for analysis",
  conversations: "Live conversations, one row each with every turn (HH red-team attempts style)",
};

export const FILE_TYPE_LABELS: Record<FileType, string> = {
  jsonl: "JSONL",
  "jsonl.gz": "JSONL, gzip",
  csv: "CSV",
  parquet: "Parquet",
  "hf-dataset": "Hugging Face dataset (Parquet per split + dataset card, zipped)",
};

type PreferenceOption = "aggregation" | "strengthPolicy" | "minAgreement";

/**
 * What a format cannot honour: options that only shape preferences, with their neutral values. Asked
 * for anything else, the export is refused with the reason, rather than quietly giving other data.
 */
export const OPTIONS_NOT_TAKEN: Partial<Record<ExportFormat, { why: string; neutral: Record<PreferenceOption, unknown> }>> = {
  conversations: {
    why: "its rows are whole conversations, not preferences",
    neutral: { aggregation: "per-judgment", strengthPolicy: "keep", minAgreement: undefined },
  },
};

/** Whether the format uses the option (the export form greys out the others). */
export function formatTakes(format: ExportFormat, option: PreferenceOption): boolean {
  return !OPTIONS_NOT_TAKEN[format] || !(option in OPTIONS_NOT_TAKEN[format].neutral);
}

const slug = z
  .string()
  .max(60, "not a project slug")
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, "not a project slug");

// Strict: from the API a misspelt option (?fromat=, "testFracton") is refused, not silently left at its default.
export const exportOptionsSchema = z
  .strictObject({
    format: z.enum(EXPORT_FORMATS, { error: `format is one of ${EXPORT_FORMATS.join(", ")}` }),
    fileType: z.enum(FILE_TYPES, { error: `file type is one of ${FILE_TYPES.join(", ")}` }).default("jsonl"),
    projects: z.array(slug).min(1, "choose at least one project").max(50),
    batches: z.array(idSchema("batch")).max(500).default([]),
    from: isoDaySchema.optional(),
    to: isoDaySchema.optional(),
    aggregation: z.enum(AGGREGATIONS).default("per-judgment"),
    strengthPolicy: z.enum(STRENGTH_POLICIES).default("keep"),
    excludeBlockedAnnotators: z.boolean().default(true),
    // Judgments on check items (gold, attention, practice) measure workers, not preferences: left out unless asked for.
    includeChecks: z.boolean().default(false),
    minAgreement: z.number().min(0).max(1).optional(),
    testFraction: z.number().min(0).max(0.5).default(0),
    // Say in the manifest (loudly) when a project's agreement is under the level data is relied on at.
    releaseGate: z.boolean().default(false),
  })
  .refine((options) => !options.from || !options.to || options.from <= options.to, { message: "the start date is after the end date", path: ["from"] })
  .superRefine((options, context) => {
    const notTaken = OPTIONS_NOT_TAKEN[options.format];
    for (const [option, neutral] of Object.entries(notTaken?.neutral ?? {})) {
      if (options[option as PreferenceOption] === neutral) continue;
      const message = `the ${options.format} format does not take ${option}: ${notTaken!.why}`;
      context.addIssue({ code: "custom", path: [option], message });
    }
  });

export type ExportOptionsInput = z.input<typeof exportOptionsSchema>;
export type ExportOptions = z.output<typeof exportOptionsSchema>;

/** The options in one fixed key order with sorted lists: what the manifest records and hashes. */
export function normaliseOptions(options: ExportOptions): ExportOptions {
  return {
    format: options.format,
    fileType: options.fileType,
    projects: [...new Set(options.projects)].sort(),
    batches: [...new Set(options.batches)].sort(),
    ...(options.from ? { from: options.from } : {}),
    ...(options.to ? { to: options.to } : {}),
    aggregation: options.aggregation,
    strengthPolicy: options.strengthPolicy,
    excludeBlockedAnnotators: options.excludeBlockedAnnotators,
    // Only when asked for, so the manifests of exports made before the option keep their bytes.
    ...(options.includeChecks ? { includeChecks: true } : {}),
    ...(options.minAgreement !== undefined ? { minAgreement: options.minAgreement } : {}),
    testFraction: options.testFraction,
    // Only when asked for, so the manifests of exports without the gate keep their bytes.
    ...(options.releaseGate ? { releaseGate: true } : {}),
  } as ExportOptions;
}

export function fileExtension(fileType: FileType): string {
  return fileType === "hf-dataset" ? "zip" : fileType;
}
