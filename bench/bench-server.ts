// What every benchmark needs: a fresh database on the local PostgreSQL (or an embedded one) and,
// for the API benchmarks, the production build served against it.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { isBuildCurrent } from "@/lib/runner/build-state";
import { databaseUrl } from "@/lib/runner/database-setup";
import { findFreePort, startEmbeddedPostgres } from "@/lib/runner/embedded-postgres";
import { projectRoot } from "@/lib/project-root";
import { canConnect, configuredTestServer, createTestDatabase, dropTestDatabase, newBenchDatabaseName } from "@/lib/testing/test-server";

const ROOT = projectRoot();
const NEXT = path.join(ROOT, "node_modules/.bin/next");

export type BenchDatabase = { url: string; drop: () => Promise<void> };

export async function createBenchDatabase(purpose: string): Promise<BenchDatabase> {
  let server = configuredTestServer();
  let stopEmbedded = async () => {};
  if (!(await canConnect(server))) {
    const embedded = await startEmbeddedPostgres({ dataDir: fs.mkdtempSync(path.join(os.tmpdir(), "preflab-bench-pg-")) });
    server = databaseUrl(embedded.serverUrl, "postgres");
    stopEmbedded = embedded.stop;
  }
  const name = newBenchDatabaseName(purpose);
  const url = await createTestDatabase(server, name);
  return {
    url,
    drop: async () => {
      await dropTestDatabase(server, name);
      await stopEmbedded();
    },
  };
}

function waitForExit(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.on("close", resolve));
}

export type AppServer = { baseUrl: string; pid: number; stop: () => Promise<void> };

/** `stderrFile` keeps the server's log out of the terminal (a benchmark that makes it fail on purpose). */
export async function startAppServer(databaseUrlForApp: string, { stderrFile }: { stderrFile?: string } = {}): Promise<AppServer> {
  // Its own build folder, like the tests: a benchmark must not replace the build `npm start` serves.
  process.env.PREFLAB_BUILD_DIR ??= ".next-bench";
  const env = {
    ...process.env,
    DATABASE_URL: databaseUrlForApp,
    AUTH_SECRET: "bench-secret-not-for-production-use",
    AUTH_TRUST_HOST: "true",
    NEXT_TELEMETRY_DISABLED: "1",
    // Each benchmark worker drives one token as fast as the app answers, which can pass the 600 a minute
    // a token gets by default: the benchmark measures throughput, so the limit (still counted) is raised.
    RATE_LIMITS: "api-token=1000000",
  };
  if (!isBuildCurrent(ROOT)) {
    console.error("[bench] building the app");
    if ((await waitForExit(spawn(NEXT, ["build"], { cwd: ROOT, env, stdio: ["ignore", "ignore", "inherit"] }))) !== 0) throw new Error("next build failed");
  }
  const port = await findFreePort();
  const stderr = stderrFile ? fs.openSync(stderrFile, "a") : "inherit";
  const server = spawn(NEXT, ["start", "-p", String(port)], { cwd: ROOT, env, stdio: ["ignore", "ignore", stderr] });
  const exited = waitForExit(server);
  const baseUrl = `http://localhost:${port}`;
  for (let attempt = 0; attempt < 100; attempt++) {
    const ok = await fetch(`${baseUrl}/api/health`).then(
      (r) => r.ok,
      () => false,
    );
    if (ok) return { baseUrl, pid: server.pid!, stop: async () => void (server.kill("SIGTERM"), await exited) };
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  server.kill("SIGKILL");
  throw new Error("the app did not start");
}
