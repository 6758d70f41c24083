"use client";

import { RankingRow } from "@/components/comparison/ranking-row";
import { useRankingDrag } from "@/components/comparison/use-ranking-drag";
import { useRankingKeys } from "@/components/comparison/use-ranking-keys";
import { ranksOf, type RankingOrder } from "@/lib/ranking-order";

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
  const keys = useRankingKeys({ ranking, allowTies, disabled, onChange });
  const dragHandle = useRankingDrag({ ranking, rows: keys.rows, disabled, onChange });
  const ranks = ranksOf(ranking);

  return (
    <div>
      <p id="ranking-help" className="mb-2 text-sm text-slate-600">
        Best first. Drag by the handle or use the arrows; with the keyboard, ↑/↓ choose a response, Alt+↑/↓ move it, 1–{ranking.order.length} put it at that
        rank{allowTies ? ", T ties it with the one above" : ""}.
      </p>
      <ol aria-label="Your ranking, best first" aria-describedby="ranking-help" className="space-y-2">
        {ranking.order.map((label, index) => (
          <RankingRow
            key={label}
            label={label}
            index={index}
            rank={ranks[label]}
            ranking={ranking}
            preview={previews[label]}
            allowTies={allowTies}
            disabled={disabled}
            focused={label === keys.focused}
            rowRef={keys.rowRef(label)}
            onFocus={() => keys.setFocused(label)}
            onKeyDown={(event) => keys.onKeyDown(event, label)}
            dragHandle={dragHandle(label)}
            onChange={(next) => keys.change(next, label)}
          />
        ))}
      </ol>
    </div>
  );
}
