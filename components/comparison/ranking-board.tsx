"use client";

import { useRef, useState, type KeyboardEvent, type PointerEvent } from "react";
import { moveBy, placeAt, ranksOf, toggleTie, type RankingOrder } from "@/lib/ranking-order";

type Props = {
  ranking: RankingOrder;
  previews: Record<string, string>;
  allowTies: boolean;
  disabled: boolean;
  onChange: (ranking: RankingOrder) => void;
};

/**
 * The worker's ranking, best first. Keyboard: arrows move the focus, Alt+arrows move the focused
 * response, a number key puts it at that rank, T ties it with the one above. Touch and mouse: the
 * arrow buttons, or drag by the handle. Only the handle takes over touch, so the page still scrolls
 * everywhere else.
 */
export function RankingBoard({ ranking, previews, allowTies, disabled, onChange }: Props) {
  const [focused, setFocused] = useState(ranking.order[0]);
  const rows = useRef(new Map<string, HTMLLIElement>());
  const dragging = useRef<string | null>(null);
  const ranks = ranksOf(ranking);

  const focusRow = (label: string) => {
    setFocused(label);
    rows.current.get(label)?.focus();
  };

  const change = (next: RankingOrder, keepFocusOn: string) => {
    onChange(next);
    requestAnimationFrame(() => rows.current.get(keepFocusOn)?.focus());
  };

  const onKeyDown = (event: KeyboardEvent<HTMLLIElement>, label: string) => {
    if (disabled) return;
    const index = ranking.order.indexOf(label);
    const step = event.key === "ArrowUp" ? -1 : event.key === "ArrowDown" ? 1 : 0;
    if (step && event.altKey) change(moveBy(ranking, label, step), label);
    else if (step) focusRow(ranking.order[Math.max(0, Math.min(ranking.order.length - 1, index + step))]);
    else if (/^[1-9]$/.test(event.key)) change(placeAt(ranking, label, Number(event.key)), label);
    else if (allowTies && event.key.toLowerCase() === "t") change(toggleTie(ranking, label), label);
    else return;
    event.preventDefault();
    event.stopPropagation();
  };

  // Drag: while the handle is held, the response goes to the row the pointer is over.
  const onPointerDown = (event: PointerEvent<HTMLElement>, label: string) => {
    if (disabled) return;
    event.currentTarget.setPointerCapture(event.pointerId);
    dragging.current = label;
  };
  const onPointerMove = (event: PointerEvent<HTMLElement>) => {
    const label = dragging.current;
    if (!label) return;
    // The new place is one after every other response whose middle is above the pointer.
    const above = ranking.order.filter((other) => {
      const box = other === label ? undefined : rows.current.get(other)?.getBoundingClientRect();
      return box !== undefined && box.top + box.height / 2 < event.clientY;
    }).length;
    if (above !== ranking.order.indexOf(label)) onChange(placeAt(ranking, label, above + 1));
  };
  const onPointerUp = () => {
    dragging.current = null;
  };

  return (
    <div>
      <p id="ranking-help" className="mb-2 text-sm text-slate-600">
        Best first. Drag by the handle or use the arrows; with the keyboard, ↑/↓ choose a response, Alt+↑/↓ move it, 1–{ranking.order.length} put it at that
        rank{allowTies ? ", T ties it with the one above" : ""}.
      </p>
      <ol aria-label="Your ranking, best first" aria-describedby="ranking-help" className="space-y-2">
        {ranking.order.map((label, index) => (
          <li
            key={label}
            ref={(element) => {
              if (element) rows.current.set(label, element);
              else rows.current.delete(label);
            }}
            tabIndex={label === focused ? 0 : -1}
            aria-label={`Response ${label}, rank ${ranks[label]}${ranking.tied.includes(label) && index > 0 ? ", tied with the one above" : ""}`}
            onFocus={() => setFocused(label)}
            onKeyDown={(event) => onKeyDown(event, label)}
            className={`flex items-center gap-1.5 rounded-lg border-2 bg-white p-2 sm:gap-2 ${label === focused ? "border-indigo-400" : "border-slate-200"}`}
          >
            <span
              aria-hidden
              title="Drag to move"
              onPointerDown={(event) => onPointerDown(event, label)}
              onPointerMove={onPointerMove}
              onPointerUp={onPointerUp}
              onPointerCancel={onPointerUp}
              data-drag-handle={label}
              className="flex h-11 w-8 shrink-0 cursor-grab touch-none select-none items-center justify-center rounded text-xl text-slate-400 hover:bg-slate-100"
            >
              ⠿
            </span>
            <span className="w-8 shrink-0 text-center text-lg font-bold text-indigo-800" aria-hidden>
              {ranks[label]}
            </span>
            <span className="min-w-0 flex-1">
              <span className="font-semibold">
                <span className="hidden sm:inline">Response </span>
                {label}
              </span>
              <span className="block truncate text-sm text-slate-500">{previews[label]}</span>
            </span>
            {allowTies && index > 0 && (
              <button
                type="button"
                disabled={disabled}
                aria-pressed={ranking.tied.includes(label)}
                aria-label={`Tie ${label} with the response above`}
                onClick={() => change(toggleTie(ranking, label), label)}
                className={`h-11 rounded border px-2 text-sm ${ranking.tied.includes(label) ? "border-amber-400 bg-amber-50" : "border-slate-300"}`}
              >
                =
              </button>
            )}
            <button
              type="button"
              disabled={disabled || index === 0}
              aria-label={`Move ${label} up`}
              onClick={() => change(moveBy(ranking, label, -1), label)}
              className="h-11 w-11 rounded border border-slate-300 disabled:opacity-40"
            >
              ↑
            </button>
            <button
              type="button"
              disabled={disabled || index === ranking.order.length - 1}
              aria-label={`Move ${label} down`}
              onClick={() => change(moveBy(ranking, label, 1), label)}
              className="h-11 w-11 rounded border border-slate-300 disabled:opacity-40"
            >
              ↓
            </button>
          </li>
        ))}
      </ol>
    </div>
  );
}
