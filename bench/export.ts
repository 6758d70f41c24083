// `npm run bench:export`: generates 1,000,000 judgments, exports them as TRL JSONL through the app's
// export pipeline (in a child process, for its peak memory) and, in the same run, has PostgreSQL
// build the same rows with json_build_object and send them with psql's COPY ... TO STDOUT.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { projectRoot } from "@/lib/project-root";
import { runCommand } from "./run-command";
import { createBenchDatabase } from "./bench-server";
import { seedExportBench } from "./seed-export";
import { printFigure } from "./stats";

const { values } = parseArgs({ options: { judgments: { type: "string", default: "1000000" }, k: { type: "string", default: "4" } } });
const K = Number(values.k);
const ITEMS = Math.ceil(Number(values.judgments) / K);

// The rows the app writes, built by PostgreSQL itself: the prompt from the context messages, and
// the chosen and rejected completions from the ranking, in the export's order.
const COPY_SQL = `COPY (
  SELECT json_build_object(
    'prompt', (SELECT string_agg(CASE m->>'role' WHEN 'user' THEN E'\\n\\nHuman: ' WHEN 'assistant' THEN E'\\n\\nAssistant: ' ELSE '' END || (m->>'content'), '' ORDER BY n)
               FROM jsonb_array_elements(i.context) WITH ORDINALITY AS t(m, n)) || E'\\n\\nAssistant:',
    'chosen', ' ' || (SELECT c.text FROM candidates c WHERE c.id = (j.ranking->0->>0)::uuid),
    'rejected', ' ' || (SELECT c.text FROM candidates c WHERE c.id = (j.ranking->1->>0)::uuid))
  FROM judgments j JOIN items i ON i.id = j.item_id JOIN batches b ON b.id = i.batch_id
  ORDER BY b.created_at, b.id, i.position, j.created_at, j.id
) TO STDOUT`;

async function main() {
  const database = await createBenchDatabase("export");
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "preflab-bench-export-"));
  try {
    console.error(`[bench] generating ${ITEMS * K} judgments (${ITEMS} items, k = ${K})`);
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const { slug } = await seedExportBench(client, { items: ITEMS, k: K });
    await client.end();

    console.error("[bench] exporting through the app's pipeline");
    const tsx = path.join(projectRoot(), "node_modules/.bin/tsx");
    const appFile = path.join(scratch, "app.jsonl");
    const app = JSON.parse(await runCommand(tsx, ["--conditions=react-server", "bench/export-child.ts", database.url, slug, "trl", "jsonl", appFile])) as {
      rows: number;
      seconds: number;
      peakRssKb: number;
    };

    console.error("[bench] the same rows through psql's COPY");
    const copyFile = path.join(scratch, "copy.jsonl");
    const started = performance.now();
    await runCommand("psql", ["--no-psqlrc", "--quiet", "-d", database.url, "-c", COPY_SQL], { stdoutFile: copyFile });
    const copySeconds = (performance.now() - started) / 1000;
    const copyRows = Number((await runCommand("wc", ["-l", copyFile])).trim().split(/\s+/)[0]);

    printFigure("judgments", ITEMS * K);
    printFigure("rows", app.rows);
    printFigure("export seconds", app.seconds, "s");
    printFigure("export rows per second", app.rows / app.seconds, "/s");
    printFigure("export output", fs.statSync(appFile).size / 1024 / 1024, "MB");
    printFigure("peak memory", app.peakRssKb / 1024, "MB");
    printFigure("copy rows", copyRows);
    printFigure("copy seconds", copySeconds, "s");
    printFigure("copy rows per second", copyRows / copySeconds, "/s");
    printFigure("ratio", app.rows / app.seconds / (copyRows / copySeconds));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
