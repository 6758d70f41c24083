// Runs a benchmark's child process (the app side in its own process, psql for the baseline) and
// gives its standard output, or writes it to a file; its errors go straight to the terminal.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { projectRoot } from "@/lib/project-root";

export function runCommand(command: string, args: string[], options: { stdoutFile?: string; env?: NodeJS.ProcessEnv } = {}): Promise<string> {
  return new Promise((resolve, reject) => {
    const out = options.stdoutFile ? fs.openSync(options.stdoutFile, "w") : "pipe";
    const child = spawn(command, args, { cwd: projectRoot(), env: options.env ?? process.env, stdio: ["ignore", out, "inherit"] });
    let stdout = "";
    child.stdout?.on("data", (chunk) => (stdout += chunk));
    child.on("error", reject);
    child.on("close", (code) => (code === 0 ? resolve(stdout) : reject(new Error(`${command} exited with ${code}`))));
  });
}
