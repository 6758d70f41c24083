"use client";

import { useRef, useState, type KeyboardEvent } from "react";
import { moveBy, placeAt, toggleTie, type RankingOrder } from "@/lib/ranking-order";

/**
 * The ranking's focus and keys: one row is in the tab order; arrows move the focus, Alt+arrows the
 * response, a number key puts it at that rank, T ties it with the one above. A change keeps the
 * focus on the response that moved.
 */
export function useRankingKeys({
  ranking,
  allowTies,
  disabled,
  onChange,
}: {
  ranking: RankingOrder;
  allowTies: boolean;
  disabled: boolean;
  onChange: (ranking: RankingOrder) => void;
}) {
  const [focused, setFocused] = useState(ranking.order[0]);
  const rows = useRef(new Map<string, HTMLLIElement>());

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

  const rowRef = (label: string) => (element: HTMLLIElement | null) => {
    if (element) rows.current.set(label, element);
    else rows.current.delete(label);
  };

  return { focused, setFocused, rows, rowRef, change, onKeyDown };
}
