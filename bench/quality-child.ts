// Computes a project's agreement and leaderboard in a process of its own, so its peak memory is measured
// alone: the same functions the Quality page calls. Prints JSON.
import { createPool } from "@/lib/db/connection";
import { dailyPatterns, mergePatterns } from "@/lib/data/quality/agreement-data";
import { modelBattles } from "@/lib/data/quality/leaderboard-data";
import { summariseAgreement } from "@/lib/quality/agreement-summary";
import { buildLeaderboard } from "@/lib/quality/leaderboard";

async function main() {
  const [url, projectId, rounds] = process.argv.slice(2);
  const pool = createPool(url, 2);
  const started = performance.now();
  const days = await dailyPatterns(pool, projectId, null);
  const patternsAt = performance.now();
  const agreement = summariseAgreement(mergePatterns(days.map((day) => day.choices)), mergePatterns(days.map((day) => day.strengths)), {
    rounds: Number(rounds),
  });
  const agreementAt = performance.now();
  const battles = await modelBattles(pool, projectId, "helpfulness");
  const battlesAt = performance.now();
  const leaderboard = buildLeaderboard(battles, { rounds: Number(rounds) });
  const finished = performance.now();
  await pool.end();
  console.log(
    JSON.stringify({
      seconds: {
        patterns: (patternsAt - started) / 1000,
        agreement: (agreementAt - patternsAt) / 1000,
        battles: (battlesAt - agreementAt) / 1000,
        fit: (finished - battlesAt) / 1000,
      },
      total: (finished - started) / 1000,
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
