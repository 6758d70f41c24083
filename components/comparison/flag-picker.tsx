"use client";

import type { FlagOption } from "@/lib/judgment-scales";

export function FlagPicker({
  label,
  options,
  chosen,
  disabled,
  onChange,
}: {
  label: string;
  options: FlagOption[];
  chosen: string[];
  disabled: boolean;
  onChange: (flags: string[]) => void;
}) {
  if (options.length === 0) return null;
  return (
    <fieldset className="mt-3 border-t border-slate-100 pt-2" data-flags={label}>
      <legend className="sr-only">Flags for response {label}</legend>
      <div className="flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {options.map((option) => (
          <label key={option.id} className="inline-flex min-h-8 items-center gap-1.5">
            <input
              type="checkbox"
              disabled={disabled}
              checked={chosen.includes(option.id)}
              onChange={(event) => onChange(event.target.checked ? [...chosen, option.id] : chosen.filter((id) => id !== option.id))}
              className="h-4 w-4"
            />
            {option.label}
          </label>
        ))}
      </div>
    </fieldset>
  );
}
