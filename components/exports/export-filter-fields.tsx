import { exportFieldClass } from "@/components/exports/export-field-class";
import { formatTakes, type ExportFormat } from "@/lib/exports/export-options";

/** Which judgments (or conversations) go in: the days they were made, the agreement among them, and the test split. */
export function ExportFilterFields({ format }: { format: ExportFormat }) {
  const days = format === "conversations" ? "Conversations started" : "Judged";
  return (
    <>
      <label>
        {days} from (UTC day)
        <input type="date" name="from" className={exportFieldClass} />
      </label>
      <label>
        {days} up to (UTC day)
        <input type="date" name="to" className={exportFieldClass} />
      </label>
      <label>
        Minimum agreement (k &gt; 1)
        <input
          type="number"
          name="minAgreement"
          min={0}
          max={1}
          step={0.05}
          placeholder="none"
          disabled={!formatTakes(format, "minAgreement")}
          className={exportFieldClass}
        />
      </label>
      <label>
        Test split share
        <input type="number" name="testFraction" min={0} max={0.5} step={0.05} defaultValue={0} className={exportFieldClass} />
      </label>
    </>
  );
}
