// `npm run bench:import`: generates a Preflab JSONL file (100,000 items by default: three-turn
// contexts, two ~1 KB responses), imports it through the app's import path (in a child process,
// for its peak memory) and, in the same run, loads the same rows with psql's \copy into items and
// candidates, the ceiling for getting rows into PostgreSQL.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import pg from "pg";
import { projectRoot } from "@/lib/project-root";
import { runCommand } from "./run-command";
import { createBenchDatabase } from "./bench-server";
import { writeCopyFiles, writeImportFile } from "./import-file";
import { printFigure } from "./stats";

const { values } = parseArgs({ options: { items: { type: "string", default: "100000" } } });
const ITEMS = Number(values.items);

async function main() {
  const database = await createBenchDatabase("import");
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), "preflab-bench-import-"));
  try {
    const client = new pg.Client({ connectionString: database.url });
    await client.connect();
    const {
      rows: [admin],
    } = await client.query("INSERT INTO users (email, role, updated_at) VALUES ('admin@bench.example', 'ADMIN', now()) RETURNING id, email, name, role");
    const {
      rows: [project],
    } = await client.query<{ id: string }>("INSERT INTO projects (slug, name, updated_at) VALUES ('bench-import', 'bench-import', now()) RETURNING id");

    console.error(`[bench] writing ${ITEMS} items`);
    const file = path.join(scratch, "items.jsonl");
    await writeImportFile(file, ITEMS);

    console.error("[bench] importing through the app's import path");
    const tsx = path.join(projectRoot(), "node_modules/.bin/tsx");
    const env = { ...process.env, DATABASE_URL: database.url, DATABASE_POOL_SIZE: "2" };
    const app = JSON.parse(
      await runCommand(tsx, ["--conditions=react-server", "bench/import-child.ts", "bench-import", file, JSON.stringify(admin)], { env }),
    ) as {
      items: number;
      seconds: number;
      peakRssKb: number;
    };

    console.error("[bench] the same rows through psql's \\copy");
    const {
      rows: [batch],
    } = await client.query<{ id: string }>(
      "INSERT INTO batches (project_id, name, source_format, item_count) VALUES ($1, 'bench copy', 'preflab', $2) RETURNING id",
      [project.id, ITEMS],
    );
    const itemsFile = path.join(scratch, "copy-items.csv");
    const candidatesFile = path.join(scratch, "copy-candidates.csv");
    await writeCopyFiles({ itemsFile, candidatesFile, items: ITEMS, projectId: project.id, batchId: batch.id });
    const started = performance.now();
    await runCommand("psql", [
      "--no-psqlrc",
      "--quiet",
      "-v",
      "ON_ERROR_STOP=1",
      "-d",
      database.url,
      "-c",
      "BEGIN",
      "-c",
      `\\copy items (id, project_id, batch_id, position, external_id, context, meta) FROM '${itemsFile}' WITH (FORMAT csv)`,
      "-c",
      `\\copy candidates (item_id, position, text, model, meta) FROM '${candidatesFile}' WITH (FORMAT csv)`,
      "-c",
      "COMMIT",
    ]);
    const copySeconds = (performance.now() - started) / 1000;
    const {
      rows: [copied],
    } = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM items WHERE batch_id = $1", [batch.id]);
    await client.end();

    printFigure("items", ITEMS);
    printFigure("file size", fs.statSync(file).size / 1024 / 1024, "MB");
    printFigure("import items", app.items);
    printFigure("import seconds", app.seconds, "s");
    printFigure("import items per second", app.items / app.seconds, "/s");
    printFigure("peak memory", app.peakRssKb / 1024, "MB");
    printFigure("copy items", copied.n);
    printFigure("copy seconds", copySeconds, "s");
    printFigure("copy items per second", copied.n / copySeconds, "/s");
    printFigure("ratio", app.items / app.seconds / (copied.n / copySeconds));
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true });
    await database.drop();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
