"use client";

import type { ReactNode } from "react";

/** One tab of the instructions editor; its panel is `instructions-<name>`. */
export function InstructionsTab({ name, selected, onSelect, children }: { name: string; selected: boolean; onSelect: () => void; children: ReactNode }) {
  return (
    <button
      type="button"
      role="tab"
      id={`instructions-${name}-tab`}
      aria-selected={selected}
      aria-controls={`instructions-${name}`}
      onClick={onSelect}
      className={`rounded-t px-3 py-1 text-sm ${selected ? "border border-b-0 border-slate-300 bg-white font-medium" : "text-slate-600"}`}
    >
      {children}
    </button>
  );
}
