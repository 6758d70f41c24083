"use client";

import type { KeyboardEvent, PointerEvent } from "react";
import { RankingRowButtons } from "@/components/comparison/ranking-row-buttons";
import type { RankingOrder } from "@/lib/ranking-order";

type Props = {
  label: string;
  index: number;
  rank: number;
  ranking: RankingOrder;
  preview: string;
  allowTies: boolean;
  disabled: boolean;
  focused: boolean;
  rowRef: (element: HTMLLIElement | null) => void;
  onFocus: () => void;
  onKeyDown: (event: KeyboardEvent<HTMLLIElement>) => void;
  dragHandle: Record<"onPointerDown" | "onPointerMove" | "onPointerUp" | "onPointerCancel", (event: PointerEvent<HTMLElement>) => void>;
  /** A new order, with the focus kept on this response. */
  onChange: (ranking: RankingOrder) => void;
};

/** One response in the ranking: its drag handle, rank and preview, and buttons to tie or move it. */
export function RankingRow({ label, index, rank, ranking, preview, allowTies, disabled, focused, rowRef, onFocus, onKeyDown, dragHandle, onChange }: Props) {
  const tied = ranking.tied.includes(label);
  return (
    <li
      ref={rowRef}
      tabIndex={focused ? 0 : -1}
      aria-label={`Response ${label}, rank ${rank}${tied && index > 0 ? ", tied with the one above" : ""}`}
      onFocus={onFocus}
      onKeyDown={onKeyDown}
      className={`flex items-center gap-1.5 rounded-lg border-2 bg-white p-2 sm:gap-2 ${focused ? "border-indigo-400" : "border-slate-200"}`}
    >
      <span
        aria-hidden
        title="Drag to move"
        {...dragHandle}
        data-drag-handle={label}
        className="flex h-11 w-8 shrink-0 cursor-grab touch-none select-none items-center justify-center rounded text-xl text-slate-400 hover:bg-slate-100"
      >
        ⠿
      </span>
      <span className="w-8 shrink-0 text-center text-lg font-bold text-indigo-800" aria-hidden>
        {rank}
      </span>
      <span className="min-w-0 flex-1">
        <span className="font-semibold">
          <span className="hidden sm:inline">Response </span>
          {label}
        </span>
        <span className="block truncate text-sm text-slate-500">{preview}</span>
      </span>
      <RankingRowButtons label={label} index={index} ranking={ranking} allowTies={allowTies} disabled={disabled} onChange={onChange} />
    </li>
  );
}
