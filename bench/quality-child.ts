// Computes a project's agreement and leaderboard in a process of its own, so its peak memory is measured
// alone: the same functions the Quality page calls, its two reads of the judgments at once as the page
// makes them. Prints JSON.
import { createPool } from "@/lib/db/connection";
import { dailyPatterns, mergePatterns } from "@/lib/data/quality/agreement-data";
import { modelBattles } from "@/lib/data/quality/leaderboard-data";
import { summariseAgreement } from "@/lib/quality/agreement-summary";
import { buildLeaderboard } from "@/lib/quality/leaderboard";

async function main() {
  const [url, projectId, rounds] = process.argv.slice(2);
  const pool = createPool(url, 2);
  const started = performance.now();
  // Both reads at once, on two connections, as the Quality page makes them.
  const timedRead = async <T>(read: () => Promise<T>) => {
    const value = await read();
    return { value, seconds: (performance.now() - started) / 1000 };
  };
  const [days, battles] = await Promise.all([
    timedRead(() => dailyPatterns(pool, projectId, null)),
    timedRead(() => modelBattles(pool, projectId, "helpfulness")),
  ]);
  const readAt = performance.now();
  const agreement = summariseAgreement(mergePatterns(days.value.map((day) => day.choices)), mergePatterns(days.value.map((day) => day.strengths)), {
    rounds: Number(rounds),
  });
  const agreementAt = performance.now();
  const leaderboard = buildLeaderboard(battles.value, { rounds: Number(rounds) });
  const finished = performance.now();
  await pool.end();
  console.log(
    JSON.stringify({
      seconds: {
        patterns: days.seconds,
        battles: battles.seconds,
        "both reads": (readAt - started) / 1000,
        agreement: (agreementAt - readAt) / 1000,
        fit: (finished - agreementAt) / 1000,
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
