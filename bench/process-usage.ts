// What a server costs the machine, read from /proc (Linux): the peak resident memory of it and every
// process under it, sampled, and the CPU time processes have used. A child's maxRSS (what the export
// and import benchmarks read) is not there for a server stopped by a signal, and `next start` may run
// work in processes of its own, so the whole tree counts.
import fs from "node:fs";

const PAGE_BYTES = 4096;
// Linux reports CPU time in USER_HZ ticks, 100 a second on every common architecture.
const TICKS_PER_SECOND = 100;
// Finding the tree reads every process's stat file, which costs milliseconds on a busy machine: the
// tree only changes while the server starts, so it is looked for far less often than memory is read.
const TREE_EVERY = 10;

/** The fields of /proc/PID/stat after the command name (which is in parentheses and may hold spaces); null once it exited. */
function statFields(pid: number | string): string[] | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null;
  }
}

export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    const parent = Number(statFields(entry)?.[1]);
    if (parent) children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
  }
  const tree = [root];
  for (let i = 0; i < tree.length; i++) tree.push(...(children.get(tree[i]) ?? []));
  return tree;
}

/** User and system CPU seconds the processes have used since they started. */
export function cpuSeconds(pids: number[]): number {
  return pids.reduce((sum, pid) => {
    const fields = statFields(pid);
    return fields ? sum + (Number(fields[11]) + Number(fields[12])) / TICKS_PER_SECOND : sum;
  }, 0);
}

function residentBytes(pid: number): number {
  try {
    return Number(fs.readFileSync(`/proc/${pid}/statm`, "utf8").split(" ")[1]) * PAGE_BYTES;
  } catch {
    return 0;
  }
}

/** Samples the tree's resident memory every `everyMs`; stop() gives the peak in MB. */
export function samplePeakMemory(root: number, everyMs = 100): { stop: () => number } {
  let tree = processTree(root);
  let peak = 0;
  let samples = 0;
  const timer = setInterval(() => {
    if (++samples % TREE_EVERY === 0) tree = processTree(root);
    peak = Math.max(
      peak,
      tree.reduce((sum, pid) => sum + residentBytes(pid), 0),
    );
  }, everyMs);
  return {
    stop: () => {
      clearInterval(timer);
      return peak / 1024 / 1024;
    },
  };
}
