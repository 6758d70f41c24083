import fs from "node:fs";
import path from "node:path";

/** The folder holding Preflab's package.json, wherever the command was started from. */
export function projectRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, "package.json")) || !fs.existsSync(path.join(dir, "prisma"))) {
    const parent = path.dirname(dir);
    if (parent === dir) return process.cwd();
    dir = parent;
  }
  return dir;
}
