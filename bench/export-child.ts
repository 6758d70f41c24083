// Runs one export in a process of its own, so its peak memory is measured alone. Prints JSON.
import fs from "node:fs";
import { createPool } from "@/lib/db/connection";
import { exportOptionsSchema } from "@/lib/exports/export-options";
import { runExport } from "@/lib/exports/run-export";

async function main() {
  const [url, slug, format, fileType, outputPath] = process.argv.slice(2);
  const pool = createPool(url, 2);
  const destination = fs.createWriteStream(outputPath);
  const started = performance.now();
  const manifest = await runExport({ pool, options: exportOptionsSchema.parse({ format, fileType, projects: [slug] }), destination });
  await new Promise<void>((resolve) => destination.end(resolve));
  const seconds = (performance.now() - started) / 1000;
  await pool.end();
  console.log(JSON.stringify({ rows: manifest.counts.rows, bytes: manifest.file?.bytes, seconds, peakRssKb: process.resourceUsage().maxRSS }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
