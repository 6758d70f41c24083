import Link from "next/link";
import type { Committed } from "@/components/imports/import-types";

/** What was imported, and the link to its new batch. */
export function ImportCommitted({ committed, projectSlug }: { committed: Committed; projectSlug: string }) {
  return (
    <div role="status" className="space-y-2 text-emerald-800">
      <p>
        Imported {committed.itemCount.toLocaleString("en")} items as {committed.status.toLowerCase()} batch “{committed.batchName}”
        {committed.duplicatesSkipped > 0 ? `, skipping ${committed.duplicatesSkipped} duplicates` : ""}.
      </p>
      <p>
        <Link className="text-indigo-700 underline" href={`/admin/projects/${projectSlug}/batches/${committed.batchId}`}>
          Open the batch
        </Link>{" "}
        to activate it, or import another file above.
      </p>
    </div>
  );
}
