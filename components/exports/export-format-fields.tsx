import { exportFieldClass } from "@/components/exports/export-field-class";
import {
  AGGREGATIONS,
  EXPORT_FORMAT_LABELS,
  EXPORT_FORMATS,
  FILE_TYPE_LABELS,
  FILE_TYPES,
  formatTakes,
  STRENGTH_POLICIES,
  type ExportFormat,
} from "@/lib/exports/export-options";

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

/**
 * What the file holds: the format, the file type, how the k judgments combine, and strength. An option
 * the chosen format does not take is disabled (a disabled field is left out of the form: its default applies).
 */
export function ExportFormatFields({ format, onFormatChange }: { format: ExportFormat; onFormatChange: (format: ExportFormat) => void }) {
  const select = (name: string, label: string, defaultValue: string, options: readonly string[], labels: Record<string, string>, disabled = false) => (
    <label>
      {label}
      <select name={name} defaultValue={defaultValue} disabled={disabled} className={exportFieldClass}>
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
      <label>
        Format
        <select name="format" value={format} onChange={(event) => onFormatChange(event.target.value as ExportFormat)} className={exportFieldClass}>
          {EXPORT_FORMATS.map((option) => (
            <option key={option} value={option}>
              {EXPORT_FORMAT_LABELS[option]}
            </option>
          ))}
        </select>
      </label>
      {select("fileType", "File", "jsonl", FILE_TYPES, FILE_TYPE_LABELS)}
      {select("aggregation", "Aggregation", "per-judgment", AGGREGATIONS, AGGREGATION_LABELS, !formatTakes(format, "aggregation"))}
      {select("strengthPolicy", "Strength", "keep", STRENGTH_POLICIES, STRENGTH_LABELS, !formatTakes(format, "strengthPolicy"))}
    </>
  );
}
