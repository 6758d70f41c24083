// Computes a project's agreement and leaderboard in a process of its own, so its peak memory is measured
// alone: the same functions the Quality page calls, in the same order. Prints JSON.
import { createPool } from "@/lib/db/connection";
import { dailyPatterns, mergePatterns } from "@/lib/data/quality/agreement-data";
import { modelBattles } from "@/lib/data/quality/leaderboard-data";
import { summariseAgreement } from "@/lib/quality/agreement-summary";
import { buildLeaderboard } from "@/lib/quality/leaderboard";

async function main() {
  const [url, projectId, rounds] = process.argv.slice(2);
  const pool = createPool(url, 2);
  const started = performance.now();
  const since = (at: number) => (performance.now() - at) / 1000;
  // As the Quality page does: both reads at once, each computed as soon as it is in, so the fit runs in
  // this process while PostgreSQL still reads the patterns.
  const agreementPart = (async () => {
    const days = await dailyPatterns(pool, projectId, null);
    const readAt = performance.now();
    const agreement = summariseAgreement(mergePatterns(days.map((day) => day.choices)), mergePatterns(days.map((day) => day.strengths)), {
      rounds: Number(rounds),
    });
    return { agreement, read: (readAt - started) / 1000, computed: since(readAt) };
  })();
  const leaderboardPart = (async () => {
    const battles = await modelBattles(pool, projectId, "helpfulness");
    const readAt = performance.now();
    const leaderboard = buildLeaderboard(battles, { rounds: Number(rounds) });
    return { leaderboard, read: (readAt - started) / 1000, computed: since(readAt) };
  })();
  const [{ agreement, ...patterns }, { leaderboard, ...battles }] = await Promise.all([agreementPart, leaderboardPart]);
  const total = since(started);
  await pool.end();
  console.log(
    JSON.stringify({
      seconds: { patterns: patterns.read, agreement: patterns.computed, battles: battles.read, fit: battles.computed },
      total,
      judgments: agreement.judgments,
      alpha: agreement.alphaInterval,
      battles: leaderboard.totalBattles,
      ratings: leaderboard.rows.map((row) => ({ model: row.model, rating: row.rating, lower: row.lower, upper: row.upper })),
      peakRssKb: process.resourceUsage().maxRSS,
    }),
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
