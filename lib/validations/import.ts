// What an import is asked to do, shared by the admin page, the API and the command line.
import { z } from "zod";
import { IMPORT_FORMATS } from "@/lib/formats/import-formats";
import { MAX_CANDIDATES, MIN_CANDIDATES } from "@/lib/formats/item";
import { ITEM_ROLES, type ItemRoleName } from "@/lib/formats/reference-preference";

const column = z.string().trim().min(1, "choose a column");

/** Which CSV column holds what: the prompt (one user message), the id, each response and its model. */
export const csvMappingSchema = z.object({
  prompt: column,
  id: column.optional(),
  responses: z
    .array(z.object({ text: column, model: column.optional() }))
    .min(MIN_CANDIDATES, `map at least ${MIN_CANDIDATES} response columns`)
    .max(MAX_CANDIDATES, `map at most ${MAX_CANDIDATES} response columns`),
  /** A column naming the preferred response: its column name or its number (1 = the first response). */
  reference: column.optional(),
  /** A column saying why the reference is right: shown to a worker after a practice answer. */
  explanation: column.optional(),
});
export type CsvMapping = z.infer<typeof csvMappingSchema>;

export const importRequestSchema = z
  .object({
    format: z.enum(["auto", ...IMPORT_FORMATS], { error: `use auto, ${IMPORT_FORMATS.join(", ")}` }).default("auto"),
    mapping: csvMappingSchema.optional(),
    skipDuplicates: z.boolean().default(false),
    // The whole batch's role: tasks fill k and make the dataset; check items are scored against their reference.
    role: z.enum(ITEM_ROLES, { error: `use ${ITEM_ROLES.join(", ")}` }).default("task"),
  })
  .refine((value) => value.format !== "csv" || value.mapping !== undefined, { path: ["mapping"], message: "a CSV file needs a column mapping" });

// PostgreSQL's text cannot hold a NUL: refused here, by name, rather than failing the insert.
const noNul = (value: string) => !value.includes("\u0000");
const NUL_MESSAGE = "must not contain a NUL character (\\u0000)";

export const commitImportSchema = z.intersection(
  importRequestSchema,
  z.object({
    name: z.string().trim().max(200, "at most 200 characters").refine(noNul, NUL_MESSAGE).optional(),
    activate: z.boolean().default(false),
  }),
);

/** An upload's file name as the client gives it: kept (cut to 255 characters) to name the batch. */
export const uploadFilenameSchema = z
  .string()
  .trim()
  .refine(noNul, NUL_MESSAGE)
  .transform((name) => name.slice(0, 255) || "upload");
// Callers inside the app may leave the role out: task, as the schema's default.
export type ImportRequest = Omit<z.infer<typeof importRequestSchema>, "role"> & { role?: ItemRoleName };
export type CommitImportRequest = Omit<z.infer<typeof commitImportSchema>, "role"> & { role?: ItemRoleName };

/** "prompt=question,id=qid,response=a,model=model_a,response=b,reference=winner,explanation=why" -> a mapping. */
export function parseMappingText(text: string): unknown {
  const mapping: { prompt?: string; id?: string; reference?: string; explanation?: string; responses: { text: string; model?: string }[] } = {
    responses: [],
  };
  for (const pair of text
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [key, ...rest] = pair.split("=");
    const value = rest.join("=").trim();
    if (key === "response") mapping.responses.push({ text: value });
    else if (key === "model") {
      const last = mapping.responses.at(-1);
      if (!last) throw new Error(`"model=${value}" must follow the response it belongs to`);
      last.model = value;
    } else if (key === "prompt" || key === "id" || key === "reference" || key === "explanation") mapping[key] = value;
    else throw new Error(`unknown mapping key "${key}": use prompt, id, response, model, reference, explanation`);
  }
  return mapping;
}
