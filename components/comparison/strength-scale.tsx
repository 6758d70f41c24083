"use client";

import { PAIRWISE_SCALES, type PairwiseScaleName } from "@/lib/judgment-scales";

// Largest at the ends, smallest in the middle, as in the HH-RLHF interface. Sized so the eight always
// fit one row: 298 px in all on a 360 px phone (each tap target still at least 32 px), 472 px from sm,
// and the full HH sizes from lg.
const SIZES = {
  4: "size-10 sm:size-16 lg:size-20 text-base sm:text-lg",
  3: "size-9 sm:size-14 lg:size-16",
  2: "size-8.5 sm:size-12",
  1: "size-8 sm:size-10 text-sm",
} as const;

// Below md the side labels go above the row, over its two ends (a two-column grid as wide as the row,
// labels ordered first): beside it they would take the width the buttons need.
const SIDE_LABEL = "order-first text-sm font-semibold md:w-20 lg:w-24";

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
    // A fieldset is at least as wide as its content by default; min-w-0 lets it take its container's width.
    <fieldset className="min-w-0">
      <legend className="sr-only">Which response is better, and by how much? Keys 1 to {levels.length}.</legend>
      <div className="mx-auto grid w-fit grid-cols-2 items-center gap-x-4 gap-y-1 md:flex md:w-auto md:justify-center md:gap-x-0">
        <span aria-hidden className={`${SIDE_LABEL} text-left text-indigo-800 md:mr-5 md:text-right`}>
          A is better
        </span>
        <div className="col-span-2 flex items-center justify-center gap-0.5 sm:gap-2">
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
        </div>
        <span aria-hidden className={`${SIDE_LABEL} text-right text-emerald-800 md:order-none md:ml-5 md:text-left`}>
          B is better
        </span>
      </div>
      <p aria-hidden className="mt-2 text-center text-xs text-slate-500">
        Keys 1–{levels.length}, left to right{scale === "EIGHT_POINT" ? " · the middle buttons mean “about the same / unsure”" : ""}
      </p>
    </fieldset>
  );
}
