"use client";

import { useState } from "react";
import { guessMapping, mappingFromDraft, type MappingDraft } from "@/components/imports/column-mapping-form";
import type { StagedUpload } from "@/components/imports/import-types";
import type { ImportFormat } from "@/lib/formats/import-formats";
import type { ItemRoleName } from "@/lib/formats/reference-preference";

/**
 * What the admin chooses about a staged file: its format, the CSV columns, the items' role, duplicates
 * and the batch name. A new format, mapping or role makes the last check stale: `onStale` is told.
 */
export function useImportChoices({ onStale }: { onStale: () => void }) {
  const [format, setFormat] = useState<ImportFormat | "auto">("auto");
  const [mapping, setMapping] = useState<MappingDraft>(guessMapping([]));
  const [name, setName] = useState("");
  const [skipDuplicates, setSkipDuplicates] = useState(false);
  const [role, setRole] = useState<ItemRoleName>("task");

  /** A newly staged file: the format found in it, a guess at its columns, its name for the batch. */
  const startWith = (staged: StagedUpload) => {
    setFormat(staged.format ?? "auto");
    setMapping(guessMapping(staged.columns ?? []));
    setName(staged.filename.replace(/\.(jsonl|ndjson|json|csv)(\.gz)?$/i, ""));
  };
  /** The choices as check and commit send them. */
  const request = () => ({ format, mapping: format === "csv" ? mappingFromDraft(mapping) : undefined, skipDuplicates, role });

  return {
    format,
    setFormat: (next: ImportFormat | "auto") => (onStale(), setFormat(next)),
    mapping,
    setMapping: (next: MappingDraft) => (onStale(), setMapping(next)),
    role,
    setRole: (next: ItemRoleName) => (onStale(), setRole(next)),
    name,
    setName,
    skipDuplicates,
    setSkipDuplicates,
    startWith,
    request,
  };
}
