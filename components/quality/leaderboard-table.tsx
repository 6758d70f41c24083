import { DataTable } from "@/components/ui/data-table";
import { formatShare } from "@/components/quality/format";
import type { Leaderboard } from "@/lib/quality/leaderboard";

// Each model's 95% interval drawn on one shared axis, so overlapping intervals (shared ranks) show at a glance.
function IntervalBar({ lower, upper, rating, low, high }: { lower: number; upper: number; rating: number; low: number; high: number }) {
  const at = (value: number) => `${((value - low) / (high - low || 1)) * 100}%`;
  return (
    <div className="relative h-3 w-40 rounded bg-slate-100" aria-hidden="true">
      <div className="absolute top-1 h-1 rounded bg-indigo-300" style={{ left: at(lower), width: `calc(${at(upper)} - ${at(lower)})` }} />
      <div className="absolute top-0 h-3 w-0.5 bg-indigo-700" style={{ left: at(rating) }} />
    </div>
  );
}

export function LeaderboardTable({ leaderboard }: { leaderboard: Leaderboard }) {
  if (leaderboard.rows.length === 0) {
    return <p className="text-sm text-slate-500">No battles yet: the leaderboard needs pairs whose two responses name two different models.</p>;
  }
  const low = Math.min(...leaderboard.rows.map((row) => row.lower));
  const high = Math.max(...leaderboard.rows.map((row) => row.upper));
  return (
    <DataTable columns={["Rank", "Model", "Rating (Elo)", "95% interval", "", "Battles", "Win rate"]} cellPadding="p-2">
      {leaderboard.rows.map((row) => (
        <tr key={row.model} className="border-t border-slate-100" data-testid="leaderboard-row">
          <td className="p-2 tabular-nums">{row.rank}</td>
          <th scope="row" className="p-2 font-medium">
            {row.model}
          </th>
          <td className="p-2 tabular-nums">{row.rating.toFixed(0)}</td>
          <td className="p-2 tabular-nums">
            {row.lower.toFixed(0)} – {row.upper.toFixed(0)}
          </td>
          <td className="p-2">
            <IntervalBar {...row} low={low} high={high} />
          </td>
          <td className="p-2 tabular-nums">{row.battles}</td>
          <td className="p-2 tabular-nums">{formatShare(row.winRate)}</td>
        </tr>
      ))}
    </DataTable>
  );
}

/** Row model against column model: the share the row won (ties half), and the battles under it. */
export function WinRateMatrix({ leaderboard }: { leaderboard: Leaderboard }) {
  if (leaderboard.models.length < 2) return null;
  return (
    <div className="overflow-x-auto">
      <DataTable columns={["Won by ↓ against →", ...leaderboard.models]} cellPadding="p-2">
        {leaderboard.models.map((model, i) => (
          <tr key={model} className="border-t border-slate-100">
            <th scope="row" className="p-2 font-medium">
              {model}
            </th>
            {leaderboard.models.map((other, j) => {
              const share = leaderboard.winRate[i][j];
              return (
                <td key={other} className="p-2 tabular-nums" style={share === null ? undefined : { backgroundColor: `rgba(79, 70, 229, ${share * 0.25})` }}>
                  {share === null ? "—" : formatShare(share)}
                  <span className="block text-xs text-slate-700">{leaderboard.battles[i][j] || ""}</span>
                </td>
              );
            })}
          </tr>
        ))}
      </DataTable>
    </div>
  );
}
