"use client";

import { useRef, type PointerEvent, type RefObject } from "react";
import { placeAt, type RankingOrder } from "@/lib/ranking-order";

/**
 * Drag by the handle: while it is held, the response goes to the row the pointer is over. Only the
 * handle takes the pointer, so the page still scrolls by touch everywhere else.
 */
export function useRankingDrag({
  ranking,
  rows,
  disabled,
  onChange,
}: {
  ranking: RankingOrder;
  rows: RefObject<Map<string, HTMLLIElement>>;
  disabled: boolean;
  onChange: (ranking: RankingOrder) => void;
}) {
  const dragging = useRef<string | null>(null);

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

  /** The handle's pointer events for one response. */
  return (label: string) => ({
    onPointerDown: (event: PointerEvent<HTMLElement>) => onPointerDown(event, label),
    onPointerMove,
    onPointerUp,
    onPointerCancel: onPointerUp,
  });
}
