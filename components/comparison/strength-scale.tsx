"use client";

import { STRENGTH_LEVELS } from "@/lib/validations/judgment";

const LEVEL_LABELS: Record<number, string> = {
  [-4]: "A is much better",
  [-3]: "A is better",
  [-2]: "A is slightly better",
  [-1]: "About the same, slightly A",
  1: "About the same, slightly B",
  2: "B is slightly better",
  3: "B is better",
  4: "B is much better",
};

// Largest at the ends, smallest in the middle, as in the HH-RLHF interface.
const LEVEL_SIZES: Record<number, string> = {
  4: "h-16 w-16 sm:h-20 sm:w-20 text-lg",
  3: "h-14 w-14 sm:h-16 sm:w-16",
  2: "h-11 w-11 sm:h-12 sm:w-12",
  1: "h-9 w-9 sm:h-10 sm:w-10 text-sm",
};

export function strengthLabel(strength: number): string {
  return LEVEL_LABELS[strength];
}

export function StrengthScale({ onChoose, disabled, chosen }: { onChoose: (strength: number) => void; disabled: boolean; chosen: number | null }) {
  return (
    <fieldset className="mt-4">
      <legend className="sr-only">Which response is better, and by how much? Keys 1 to 8.</legend>
      <div className="flex items-center justify-center gap-1 sm:gap-2">
        <span aria-hidden className="mr-1 w-16 text-right text-sm font-semibold text-indigo-800 sm:mr-3 sm:w-24">
          A is better
        </span>
        {STRENGTH_LEVELS.map((strength, index) => (
          <button
            key={strength}
            type="button"
            disabled={disabled}
            aria-label={`${LEVEL_LABELS[strength]} (key ${index + 1})`}
            aria-pressed={chosen === strength}
            title={`${LEVEL_LABELS[strength]} (key ${index + 1})`}
            onClick={() => onChoose(strength)}
            className={`${LEVEL_SIZES[Math.abs(strength)]} ${strength < 0 ? "border-indigo-400 bg-indigo-50 text-indigo-900 hover:bg-indigo-100" : "border-emerald-400 bg-emerald-50 text-emerald-900 hover:bg-emerald-100"} ${chosen === strength ? "ring-4 ring-amber-400" : ""} ${index === 3 ? "mr-2 sm:mr-4" : ""} shrink-0 rounded-full border-2 font-semibold disabled:opacity-50`}
          >
            {strength < 0 ? "A" : "B"}
          </button>
        ))}
        <span aria-hidden className="ml-1 w-16 text-sm font-semibold text-emerald-800 sm:ml-3 sm:w-24">
          B is better
        </span>
      </div>
      <p aria-hidden className="mt-2 text-center text-xs text-slate-500">
        Keys 1–8, left to right · the middle buttons mean “about the same / unsure”
      </p>
    </fieldset>
  );
}
