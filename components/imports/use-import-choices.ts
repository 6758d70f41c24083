"use client";

import { useState } from "react";
import { guessMapping, mappingFromDraft, type MappingDraft } from "@/components/imports/column-mapping-form";
import type { StagedUpload } from "@/components/imports/import-types";
import type { ImportFormat } from "@/lib/formats/import-formats";

/**
 * What the admin chooses about a staged file: its format, the CSV columns, duplicates and the batch
 * name. A new format or mapping makes the last check stale: `onStale` is told.
 */
export function useImportChoices({ onStale }: { onStale: () => void }) {
  const [format, setFormat] = useState<ImportFormat | "auto">("auto");
  const [mapping, setMapping] = useState<MappingDraft>(guessMapping([]));
  const [name, setName] = useState("");
  const [skipDuplicates, setSkipDuplicates] = useState(false);

  /** A newly staged file: the format found in it, a guess at its columns, its name for the batch. */
  const startWith = (staged: StagedUpload) => {
    setFormat(staged.format ?? "auto");
    setMapping(guessMapping(staged.columns ?? []));
    setName(staged.filename.replace(/\.(jsonl|ndjson|json|csv)(\.gz)?$/i, ""));
  };
  /** The choices as check and commit send them. */
  const request = () => ({ format, mapping: format === "csv" ? mappingFromDraft(mapping) : undefined, skipDuplicates });

  return {
    format,
    setFormat: (next: ImportFormat | "auto") => (onStale(), setFormat(next)),
    mapping,
    setMapping: (next: MappingDraft) => (onStale(), setMapping(next)),
    name,
    setName,
    skipDuplicates,
    setSkipDuplicates,
    startWith,
    request,
  };
}
