// The real CLI in its own process, as `npm run preflab -- ...` runs it, for the CLI's tests.
import { spawn } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export type CliRun = { code: number | null; stdout: string; stdoutBytes: Buffer; stderr: string };

/**
 * Runs a command in the project folder. npm_* variables are dropped: the CLI behaves differently
 * under `npm run`, and only a test that runs npm itself should look like that. `input`, if given,
 * is the command's standard input.
 */
export function spawnCollect(command: string, args: string[], { input }: { input?: string } = {}): Promise<CliRun> {
  // DATABASE_URL is the run's database: the db setup file put it in this process's environment.
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const key of Object.keys(env)) if (key.startsWith("npm_")) delete env[key];
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: ROOT, env, stdio: ["pipe", "pipe", "pipe"] });
    // Ended at once without input: the command reads an empty standard input, as from /dev/null.
    child.stdin.end(input ?? "");
    const stdout: Buffer[] = [];
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => stdout.push(chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      const bytes = Buffer.concat(stdout);
      resolve({ code, stdout: bytes.toString("utf8"), stdoutBytes: bytes, stderr });
    });
  });
}

export function runCli(args: string[], options: { input?: string } = {}): Promise<CliRun> {
  return spawnCollect(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "lib/cli/main.ts", ...args], options);
}
