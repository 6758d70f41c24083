// Processes whose working folder or command line lies inside a folder: what is left of an app run
// from there. Linux only (it reads /proc); our own process and its ancestors are left out.
import fs from "node:fs";

export type ProcessInfo = { pid: number; command: string };

function ancestors(): Set<number> {
  const pids = new Set<number>();
  let pid = process.pid;
  while (pid > 1 && !pids.has(pid)) {
    pids.add(pid);
    const stat = readOrNull(`/proc/${pid}/stat`);
    // The parent's pid is the second field after the command, which is in parentheses.
    pid = stat ? Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]) : 1;
  }
  return pids;
}

function readOrNull(file: string): string | null {
  try {
    return fs.readFileSync(file, "utf8");
  } catch {
    return null; // the process ended while we looked, or belongs to a user we may not inspect
  }
}

function cwdOrNull(pid: string): string | null {
  try {
    return fs.readlinkSync(`/proc/${pid}/cwd`);
  } catch {
    return null;
  }
}

export function processesUnder(folder: string): ProcessInfo[] {
  const own = ancestors();
  const inside = (value: string | null) => value !== null && (value === folder || value.startsWith(`${folder}/`) || value.includes(` ${folder}/`));
  const found: ProcessInfo[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || own.has(Number(entry))) continue;
    const command = (readOrNull(`/proc/${entry}/cmdline`) ?? "").replaceAll("\0", " ").trim();
    if (!command) continue; // a kernel thread, or already gone
    if (inside(cwdOrNull(entry)) || inside(` ${command}`)) found.push({ pid: Number(entry), command });
  }
  return found;
}
