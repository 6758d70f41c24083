"use client";

import { moveBy, toggleTie, type RankingOrder } from "@/lib/ranking-order";

/** A ranked response's buttons: tie it with the one above (where ties are allowed), move it up or down. */
export function RankingRowButtons({
  label,
  index,
  ranking,
  allowTies,
  disabled,
  onChange,
}: {
  label: string;
  index: number;
  ranking: RankingOrder;
  allowTies: boolean;
  disabled: boolean;
  onChange: (ranking: RankingOrder) => void;
}) {
  const tied = ranking.tied.includes(label);
  const moveButton = "h-11 w-11 rounded border border-slate-300 disabled:opacity-40";
  return (
    <>
      {allowTies && index > 0 && (
        <button
          type="button"
          disabled={disabled}
          aria-pressed={tied}
          aria-label={`Tie ${label} with the response above`}
          onClick={() => onChange(toggleTie(ranking, label))}
          className={`h-11 rounded border px-2 text-sm ${tied ? "border-amber-400 bg-amber-50" : "border-slate-300"}`}
        >
          =
        </button>
      )}
      <button
        type="button"
        disabled={disabled || index === 0}
        aria-label={`Move ${label} up`}
        onClick={() => onChange(moveBy(ranking, label, -1))}
        className={moveButton}
      >
        ↑
      </button>
      <button
        type="button"
        disabled={disabled || index === ranking.order.length - 1}
        aria-label={`Move ${label} down`}
        onClick={() => onChange(moveBy(ranking, label, 1))}
        className={moveButton}
      >
        ↓
      </button>
    </>
  );
}
