// `npm run bench:quality`: 1,000,000 judgments of pairs from 50 models; the app computes alpha (three
// levels, with a 1,000-round bootstrap) and the Bradley-Terry leaderboard (1,000 bootstrap rounds) in a
// child process, for its peak memory. In the same run PostgreSQL aggregates the same judgments in one
// plain GROUP BY, the floor any computation over them has to pay.
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { projectRoot } from "@/lib/project-root";
import { createBenchDatabase } from "./bench-server";
import { runCommand } from "./run-command";
import { BENCH_MODELS, MODEL_STEP_ELO, seedQualityBench } from "./seed-quality";
import { printFigure } from "./stats";

const { values } = parseArgs({
  options: { judgments: { type: "string", default: "1000000" }, k: { type: "string", default: "3" }, rounds: { type: "string", default: "1000" } },
});
const K = Number(values.k);
const ITEMS = Math.ceil(Number(values.judgments) / K);

const PLAIN_AGGREGATION = `SELECT item_id, ranking -> 0 ->> 0 AS top, count(*), sum(strength) FROM judgments WHERE project_id = $1 GROUP BY 1, 2`;

type ChildResult = {
  seconds: Record<string, number>;
  total: number;
  judgments: number;
  battles: number;
  ratings: { model: string; rating: number; lower: number; upper: number }[];
  peakRssKb: number;
};

// The seed's models are MODEL_STEP_ELO apart: the fitted spread says whether the fit found them.
function fittedStep(ratings: ChildResult["ratings"]): number {
  const index = (model: string) => Number(model.slice("model-".length));
  const points = ratings.map((row) => [index(row.model), row.rating]);
  const meanX = points.reduce((sum, [x]) => sum + x, 0) / points.length;
  const meanY = points.reduce((sum, [, y]) => sum + y, 0) / points.length;
  const covariance = points.reduce((sum, [x, y]) => sum + (x - meanX) * (y - meanY), 0);
  return covariance / points.reduce((sum, [x]) => sum + (x - meanX) ** 2, 0);
}

async function main() {
  const database = await createBenchDatabase("quality");
  const client = new pg.Client({ connectionString: database.url });
  try {
    console.error(`[bench] generating ${ITEMS * K} judgments (${ITEMS} items, k = ${K}, ${BENCH_MODELS} models)`);
    await client.connect();
    const { projectId } = await seedQualityBench(client, { items: ITEMS, k: K });
    await client.query(PLAIN_AGGREGATION, [projectId]); // warm the cache for both sides alike
    const plainStarted = performance.now();
    const { rowCount } = await client.query(PLAIN_AGGREGATION, [projectId]);
    const plainSeconds = (performance.now() - plainStarted) / 1000;

    console.error("[bench] agreement and leaderboard through the app's code");
    const tsx = path.join(projectRoot(), "node_modules/.bin/tsx");
    const app = JSON.parse(
      await runCommand(tsx, ["--conditions=react-server", "bench/quality-child.ts", database.url, projectId, values.rounds!]),
    ) as ChildResult;

    printFigure("judgments", app.judgments);
    printFigure("models", app.ratings.length);
    printFigure("bootstrap rounds", Number(values.rounds));
    for (const [step, seconds] of Object.entries(app.seconds)) printFigure(`${step} seconds`, seconds, "s");
    printFigure("quality seconds", app.total, "s");
    printFigure("peak memory", app.peakRssKb / 1024, "MB");
    printFigure("plain aggregation seconds", plainSeconds, "s");
    printFigure("plain aggregation rows", rowCount ?? 0);
    printFigure("ratio", app.total / plainSeconds);
    printFigure("fitted Elo per model step", fittedStep(app.ratings));
    printFigure("seeded Elo per model step", MODEL_STEP_ELO);
    printFigure("mean interval width", app.ratings.reduce((sum, row) => sum + row.upper - row.lower, 0) / app.ratings.length);
  } finally {
    await client.end().catch(() => {});
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
