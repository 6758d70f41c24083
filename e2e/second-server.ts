// A second production server of the same build on the e2e run's database, as a second app process
// or machine behind a load balancer would be: same secret, same export and upload folders.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { findFreePort } from "@/lib/runner/embedded-postgres";
import { E2E_SERVER_ENV } from "./server-env";
import { e2eDatabaseUrl } from "./test-database";

const NEXT = path.resolve(process.cwd(), "node_modules/.bin/next");
const READY_TIMEOUT_MS = 60_000;

export type SecondServer = { baseUrl: string; stop: () => Promise<void> };

async function waitForHealth(baseUrl: string, server: ChildProcess) {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (server.exitCode !== null) throw new Error(`the second app server exited with code ${server.exitCode} as it started`);
    if ((await fetch(`${baseUrl}/api/health`).catch(() => null))?.status === 200) return;
    await sleep(250);
  }
  throw new Error(`the second app server (${baseUrl}) did not answer /api/health within ${READY_TIMEOUT_MS / 1000} s`);
}

/** Starts it on a free port; the first server (Playwright's) has built the app already. */
export async function startSecondServer(): Promise<SecondServer> {
  const port = await findFreePort();
  const env = {
    ...process.env,
    ...E2E_SERVER_ENV,
    DATABASE_URL: e2eDatabaseUrl(),
    PORT: String(port),
    PREFLAB_BUILD_DIR: process.env.PREFLAB_BUILD_DIR ?? ".next-test",
    NEXT_TELEMETRY_DISABLED: "1",
  };
  const server = spawn(NEXT, ["start", "-p", String(port)], { env, stdio: ["ignore", "ignore", "inherit"] });
  const exited = new Promise<void>((resolve) => server.once("exit", () => resolve()));
  // Auth.js builds its URLs with "localhost"; the session cookie is the same on every port of it.
  const baseUrl = `http://localhost:${port}`;
  try {
    await waitForHealth(baseUrl, server);
  } catch (error) {
    server.kill("SIGKILL");
    throw error;
  }
  return { baseUrl, stop: async () => void (server.kill("SIGTERM"), await exited) };
}
