// `npm start --processes N`: N production servers of one build, on loopback ports of their own, all on
// the same database, secret and folders (the round-robin proxy puts them behind the public port).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { findFreePort } from "@/lib/runner/embedded-postgres";
import { LOOPBACK } from "@/lib/runner/start-plan";
import { projectRoot } from "@/lib/project-root";

const ROOT = projectRoot();
const NEXT = path.join(ROOT, "node_modules/.bin/next");
const READY_TIMEOUT_MS = 120_000;
const STOP_TIMEOUT_MS = 15_000;

export type AppProcess = { number: number; origin: string; child: ChildProcess };

export type AppProcessGroup = {
  processes: AppProcess[];
  /** Called once if a process ends while the group is not being stopped. */
  onUnexpectedExit: (handler: (process: AppProcess, code: number | null, signal: NodeJS.Signals | null) => void) => void;
  stop: () => Promise<void>;
};

/**
 * Each process is told its own port (PORT, so the built-in demo models are reached on it) and that one
 * more proxy, the round-robin one, stands before it (TRUST_PROXY), so per-client limits still see the client.
 */
function processEnv(base: NodeJS.ProcessEnv, port: number, trustedProxies: number): NodeJS.ProcessEnv {
  return { ...base, PORT: String(port), HOST: LOOPBACK, TRUST_PROXY: String(trustedProxies + 1) };
}

function exited(child: ChildProcess): Promise<void> {
  return child.exitCode !== null || child.signalCode !== null ? Promise.resolve() : new Promise((resolve) => child.once("exit", () => resolve()));
}

async function waitUntilAnswering(app: AppProcess): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (app.child.exitCode !== null) throw new Error(`app process ${app.number} exited with code ${app.child.exitCode} as it started`);
    // Any answer will do: the server is up. Whether the database is reachable is /api/health's to say later.
    if (
      await fetch(`${app.origin}/api/health`).then(
        () => true,
        () => false,
      )
    )
      return;
    await sleep(250);
  }
  throw new Error(`app process ${app.number} (${app.origin}) did not answer within ${READY_TIMEOUT_MS / 1000} s`);
}

async function stopAll(processes: AppProcess[]): Promise<void> {
  for (const { child } of processes) child.kill("SIGTERM");
  const all = Promise.all(processes.map(({ child }) => exited(child)));
  if ((await Promise.race([all.then(() => "stopped"), sleep(STOP_TIMEOUT_MS, "late")])) === "late") {
    for (const { child } of processes) if (child.exitCode === null && child.signalCode === null) child.kill("SIGKILL");
    await all;
  }
}

/** Starts `count` servers of the current build and resolves once every one answers HTTP. */
export async function startAppProcesses({
  count,
  env,
  trustedProxies,
}: {
  count: number;
  env: NodeJS.ProcessEnv;
  trustedProxies: number;
}): Promise<AppProcessGroup> {
  const processes: AppProcess[] = [];
  let stopping = false;
  let unexpectedExit: Parameters<AppProcessGroup["onUnexpectedExit"]>[0] = () => {};
  for (let number = 1; number <= count; number++) {
    const port = await findFreePort();
    const child = spawn(NEXT, ["start", "-p", String(port), "-H", LOOPBACK], {
      cwd: ROOT,
      env: processEnv(env, port, trustedProxies),
      stdio: ["ignore", "inherit", "inherit"],
    });
    const app = { number, origin: `http://${LOOPBACK}:${port}`, child };
    child.once("exit", (code, signal) => void (stopping || unexpectedExit(app, code, signal)));
    processes.push(app);
  }
  const stop = async () => {
    stopping = true;
    await stopAll(processes);
  };
  try {
    await Promise.all(processes.map(waitUntilAnswering));
  } catch (error) {
    await stop();
    throw error;
  }
  return { processes, stop, onUnexpectedExit: (handler) => (unexpectedExit = handler) };
}
