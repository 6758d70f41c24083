// Processes whose working folder or command line lies inside a folder: what is left of an app run
// from there. Linux only (it reads /proc). Processes of our own session (this checker, the shell and
// pipeline that run it) are left out: what is checked runs in a session of its own.
import fs from "node:fs";

export type ProcessInfo = { pid: number; command: string };

// Field 6 of /proc/PID/stat; the command (field 2) is in parentheses and may hold spaces.
function sessionOf(pid: string | number): number | null {
  const stat = readOrNull(`/proc/${pid}/stat`);
  return stat ? Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[3]) : null;
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
  const own = sessionOf(process.pid);
  const inside = (value: string | null) => value !== null && (value === folder || value.startsWith(`${folder}/`) || value.includes(` ${folder}/`));
  const found: ProcessInfo[] = [];
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry) || sessionOf(entry) === own) continue;
    const command = (readOrNull(`/proc/${entry}/cmdline`) ?? "").replaceAll("\0", " ").trim();
    if (!command) continue; // a kernel thread, or already gone
    if (inside(cwdOrNull(entry)) || inside(` ${command}`)) found.push({ pid: Number(entry), command });
  }
  return found;
}
