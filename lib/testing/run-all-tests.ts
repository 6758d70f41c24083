// `npm test`: every tier (unit, database, end-to-end in Chromium) against real PostgreSQL, then one
// plain line with the true totals: "N passed, N failed". Exits non-zero on any failure.
// `npm test -- FILE...` runs only those files (`*.spec.ts` in Playwright, the rest in Vitest);
// `--embedded` uses an embedded PostgreSQL even when a server is configured (CI runs the fallback so).
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { startEmbeddedPostgres, type RunningPostgres } from "@/lib/runner/embedded-postgres";
import { databaseUrl } from "@/lib/runner/database-setup";
import { projectRoot } from "@/lib/project-root";
import { failedPlaywrightTests, failedVitestTests } from "@/lib/testing/failure-summary";
import { canConnect, configuredTestServer } from "@/lib/testing/test-server";

const ROOT = projectRoot();
const BIN = path.join(ROOT, "node_modules/.bin");

type Tally = { tier: string; passed: number; failed: number; skipped: number; failures: string[] };

function run(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(path.join(BIN, command), args, { cwd: ROOT, env, stdio: "inherit" });
    child.on("error", () => resolve(127));
    child.on("close", (code) => resolve(code ?? 1));
  });
}

function readJson(file: string): Record<string, unknown> | null {
  try {
    return JSON.parse(fs.readFileSync(file, "utf8"));
  } catch {
    return null;
  }
}

async function testServer(forceEmbedded: boolean): Promise<{ url: string; embedded: RunningPostgres | null }> {
  const configured = configuredTestServer();
  if (!forceEmbedded && (await canConnect(configured))) return { url: configured, embedded: null };
  console.log(
    forceEmbedded ? "[test] --embedded: starting an embedded PostgreSQL" : `[test] no PostgreSQL at ${new URL(configured).host}: starting an embedded one`,
  );
  const embedded = await startEmbeddedPostgres({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "preflab-test-pg-")) });
  return { url: databaseUrl(embedded.serverUrl, "postgres"), embedded };
}

async function runVitest(env: NodeJS.ProcessEnv, reportDir: string, files: string[]): Promise<Tally> {
  const report = path.join(reportDir, "vitest.json");
  const code = await run("vitest", ["run", "--reporter=default", "--reporter=json", `--outputFile.json=${report}`, ...files], env);
  const json = readJson(report);
  if (!json) return { tier: "unit + database", passed: 0, failed: 1, skipped: 0, failures: [`vitest exited with ${code} and wrote no report`] };
  const failed = Number(json.numFailedTests) + (code !== 0 && Number(json.numFailedTests) === 0 ? 1 : 0);
  const failures = failedVitestTests(json, ROOT);
  if (failures.length === 0 && failed > 0) failures.push(`vitest exited with ${code}: see its output above`);
  return { tier: "unit + database", passed: Number(json.numPassedTests), failed, skipped: Number(json.numPendingTests) + Number(json.numTodoTests), failures };
}

async function runPlaywright(env: NodeJS.ProcessEnv, reportDir: string, files: string[]): Promise<Tally> {
  const report = path.join(reportDir, "playwright.json");
  const code = await run("playwright", ["test", ...files], { ...env, PLAYWRIGHT_JSON_OUTPUT_FILE: report });
  const json = readJson(report);
  const stats = json?.stats as { expected: number; unexpected: number; flaky: number; skipped: number } | undefined;
  if (!json || !stats) return { tier: "end-to-end", passed: 0, failed: 1, skipped: 0, failures: [`playwright exited with ${code} and wrote no report`] };
  const failed = stats.unexpected + stats.flaky + (code !== 0 && stats.unexpected === 0 ? 1 : 0);
  const failures = failedPlaywrightTests(json);
  if (failures.length === 0 && failed > 0) failures.push(`playwright exited with ${code}: see its output above`);
  return { tier: "end-to-end", passed: stats.expected, failed, skipped: stats.skipped, failures };
}

function selectedFiles(): { embedded: boolean; vitest: string[] | null; playwright: string[] | null } {
  const { values, positionals } = parseArgs({ options: { embedded: { type: "boolean", default: false } }, allowPositionals: true });
  if (positionals.length === 0) return { embedded: values.embedded, vitest: [], playwright: [] };
  const specs = positionals.filter((file) => file.endsWith(".spec.ts"));
  const others = positionals.filter((file) => !file.endsWith(".spec.ts"));
  // A tier with no file named is not run at all (null), rather than run whole.
  return { embedded: values.embedded, vitest: others.length ? others : null, playwright: specs.length ? specs : null };
}

async function main() {
  const selection = selectedFiles();
  const server = await testServer(selection.embedded);
  const reportDir = fs.mkdtempSync(path.join(os.tmpdir(), "preflab-test-reports-"));
  const env = { ...process.env, TEST_DATABASE_URL: server.url, NEXT_TELEMETRY_DISABLED: "1" };
  const tallies: Tally[] = [];
  try {
    if (selection.vitest) tallies.push(await runVitest(env, reportDir, selection.vitest));
    if (selection.playwright) tallies.push(await runPlaywright(env, reportDir, selection.playwright));
  } finally {
    await server.embedded?.stop();
  }
  for (const failure of tallies.flatMap((t) => t.failures)) console.log(`[test] failed: ${failure}`);
  for (const t of tallies) console.log(`[test] ${t.tier}: ${t.passed} passed, ${t.failed} failed, ${t.skipped} skipped`);
  const total = tallies.reduce((sum, t) => ({ passed: sum.passed + t.passed, failed: sum.failed + t.failed, skipped: sum.skipped + t.skipped }), {
    passed: 0,
    failed: 0,
    skipped: 0,
  });
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  process.exit(total.failed > 0 ? 1 : 0);
}

main().catch((error) => {
  console.error(error);
  console.log("0 passed, 1 failed");
  process.exit(1);
});
