import { exportFieldClass } from "@/components/exports/export-field-class";
import { AGGREGATIONS, EXPORT_FORMAT_LABELS, EXPORT_FORMATS, FILE_TYPE_LABELS, FILE_TYPES, STRENGTH_POLICIES } from "@/lib/exports/export-options";

const AGGREGATION_LABELS: Record<(typeof AGGREGATIONS)[number], string> = {
  "per-judgment": "One row per judgment",
  majority: "Majority of the k judgments",
  "mean-strength": "Mean strength of the k judgments",
};

const STRENGTH_LABELS: Record<(typeof STRENGTH_POLICIES)[number], string> = {
  keep: "Keep every strength",
  "drop-weakest": "Drop the weakest level (as HH did)",
  margin: "Add a margin from the strength",
};

/** What the file holds: the format, the file type, how the k judgments combine, and strength. */
export function ExportFormatFields() {
  const select = (name: string, label: string, defaultValue: string, options: readonly string[], labels: Record<string, string>) => (
    <label>
      {label}
      <select name={name} defaultValue={defaultValue} className={exportFieldClass}>
        {options.map((option) => (
          <option key={option} value={option}>
            {labels[option]}
          </option>
        ))}
      </select>
    </label>
  );
  return (
    <>
      {select("format", "Format", "trl", EXPORT_FORMATS, EXPORT_FORMAT_LABELS)}
      {select("fileType", "File", "jsonl", FILE_TYPES, FILE_TYPE_LABELS)}
      {select("aggregation", "Aggregation", "per-judgment", AGGREGATIONS, AGGREGATION_LABELS)}
      {select("strengthPolicy", "Strength", "keep", STRENGTH_POLICIES, STRENGTH_LABELS)}
    </>
  );
}
