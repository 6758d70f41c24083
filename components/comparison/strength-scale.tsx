"use client";

import { PAIRWISE_SCALES, type PairwiseScaleName } from "@/lib/judgment-scales";

// Largest at the ends, smallest in the middle, as in the HH-RLHF interface.
const SIZES = {
  4: "h-16 w-16 sm:h-20 sm:w-20 text-lg",
  3: "h-14 w-14 sm:h-16 sm:w-16",
  2: "h-11 w-11 sm:h-12 sm:w-12",
  1: "h-9 w-9 sm:h-10 sm:w-10 text-sm",
} as const;

function tone(strength: number) {
  if (strength < 0) return "border-indigo-400 bg-indigo-50 text-indigo-900 hover:bg-indigo-100";
  if (strength > 0) return "border-emerald-400 bg-emerald-50 text-emerald-900 hover:bg-emerald-100";
  return "border-slate-400 bg-slate-50 text-slate-800 hover:bg-slate-100";
}

export function StrengthScale({
  scale,
  chosen,
  disabled,
  onChoose,
}: {
  scale: PairwiseScaleName;
  chosen: number | null;
  disabled: boolean;
  onChoose: (strength: number) => void;
}) {
  const levels = PAIRWISE_SCALES[scale];
  return (
    <fieldset>
      <legend className="sr-only">Which response is better, and by how much? Keys 1 to {levels.length}.</legend>
      <div className="flex items-center justify-center gap-1 sm:gap-2">
        <span aria-hidden className="mr-1 w-14 text-right text-sm font-semibold text-indigo-800 sm:mr-3 sm:w-24">
          A is better
        </span>
        {levels.map((level, index) => (
          <button
            key={level.strength}
            type="button"
            disabled={disabled}
            aria-label={`${level.label} (key ${index + 1})`}
            aria-pressed={chosen === level.strength}
            title={`${level.label} (key ${index + 1})`}
            onClick={() => onChoose(level.strength)}
            className={`${SIZES[level.size]} ${tone(level.strength)} ${chosen === level.strength ? "ring-4 ring-amber-400" : ""} shrink-0 rounded-full border-2 font-semibold disabled:opacity-50`}
          >
            {level.strength < 0 ? "A" : level.strength > 0 ? "B" : "="}
          </button>
        ))}
        <span aria-hidden className="ml-1 w-14 text-sm font-semibold text-emerald-800 sm:ml-3 sm:w-24">
          B is better
        </span>
      </div>
      <p aria-hidden className="mt-2 text-center text-xs text-slate-500">
        Keys 1–{levels.length}, left to right{scale === "EIGHT_POINT" ? " · the middle buttons mean “about the same / unsure”" : ""}
      </p>
    </fieldset>
  );
}
