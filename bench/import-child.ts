// Runs one import through the app's import path in a process of its own, so its peak memory is
// measured alone. Prints JSON.
import fs from "node:fs";
import { importItems } from "@/lib/data/imports";
import { disconnectDb } from "@/lib/db/prisma";

async function main() {
  const [slug, file, actorJson] = process.argv.slice(2);
  const started = performance.now();
  const result = await importItems({
    actor: JSON.parse(actorJson),
    projectSlug: slug,
    source: fs.createReadStream(file),
    totalBytes: fs.statSync(file).size,
    batchName: "bench import",
    format: "preflab",
  });
  const seconds = (performance.now() - started) / 1000;
  await disconnectDb();
  // maxRSS is the kernel's own high-water mark: unlike sampling memoryUsage(), it misses no spike.
  console.log(JSON.stringify({ items: result.itemCount, seconds, peakRssKb: process.resourceUsage().maxRSS }));
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
