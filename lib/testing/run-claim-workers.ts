// Starts lib/testing/claim-worker-process.ts as a child process and collects its report.
import { spawn } from "node:child_process";
import path from "node:path";
import type { Actor } from "@/lib/data/users";
import type { ProcessReport } from "@/lib/testing/claim-worker-process";

export type ClaimWorkersRun = { exitCode: number | null; report: ProcessReport | null; stderr: string };

const ROOT = path.resolve(import.meta.dirname, "../..");

export function runClaimWorkers({ projectSlug, workers }: { projectSlug: string; workers: Actor[] }): Promise<ClaimWorkersRun> {
  return new Promise((resolve, reject) => {
    // react-server makes `import "server-only"` a no-op outside Next.js.
    const child = spawn(path.join(ROOT, "node_modules/.bin/tsx"), ["--conditions=react-server", "lib/testing/claim-worker-process.ts"], {
      cwd: ROOT,
      // DATABASE_URL is the run's database: the db setup file put it in this process's environment.
      env: process.env,
      stdio: ["pipe", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (exitCode) => {
      resolve({ exitCode, report: parseReport(stdout), stderr });
    });
    child.stdin.end(JSON.stringify({ projectSlug, workers }));
  });
}

// The report is the last line; a crash before it leaves none, and the caller sees stderr.
function parseReport(stdout: string): ProcessReport | null {
  try {
    return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as ProcessReport;
  } catch {
    return null;
  }
}
