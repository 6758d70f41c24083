"use client";

import type { ReactNode } from "react";
import { FlagPicker } from "@/components/comparison/flag-picker";
import { ResponsePanel } from "@/components/comparison/response-panel";
import type { useExpanded } from "@/components/comparison/use-expanded";
import type { useResponseDiffs } from "@/components/comparison/use-response-diffs";
import type { FlagOption } from "@/lib/judgment-scales";

/** The responses side by side, each with its flags, and the toggle that marks their differences. */
export function ResponseGrid({
  responses,
  differences,
  expanded,
  flagOptions,
  flags,
  disabled,
  onFlagsChange,
}: {
  responses: { label: string; body: ReactNode }[];
  differences: ReturnType<typeof useResponseDiffs>;
  expanded: ReturnType<typeof useExpanded>;
  flagOptions: FlagOption[];
  flags: Record<string, string[]> | undefined;
  disabled: boolean;
  onFlagsChange: (label: string, ids: string[]) => void;
}) {
  return (
    <>
      <div className="mb-2 flex justify-end gap-3 text-sm">
        <button type="button" aria-pressed={differences.shown} onClick={differences.toggle} className="text-indigo-700 underline">
          {differences.shown ? "Hide differences" : "Highlight differences"} <kbd className="text-xs text-slate-500">D</kbd>
        </button>
      </div>
      <div className={`grid gap-4 ${responses.length === 2 ? "md:grid-cols-2" : "md:grid-cols-2 xl:grid-cols-3"}`}>
        {responses.map((response) => (
          <ResponsePanel
            key={response.label}
            label={response.label}
            body={response.body}
            diff={differences.view(response.label)}
            showDiff={differences.shown}
            expanded={expanded.isExpanded(response.label)}
            onToggleExpanded={() => expanded.toggle(response.label)}
          >
            <FlagPicker
              label={response.label}
              options={flagOptions}
              chosen={flags?.[response.label] ?? []}
              disabled={disabled}
              onChange={(ids) => onFlagsChange(response.label, ids)}
            />
          </ResponsePanel>
        ))}
      </div>
    </>
  );
}
