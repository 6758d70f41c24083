// Only ENOENT means a file is not there. Any other failure (EACCES, EIO, a directory in its place) is
// a fault of the server's storage: it is thrown naming the path, so it is logged as an internal
// error, never answered as "not found", which would send people looking for a file that exists.
import type { Stats } from "node:fs";
import fsp from "node:fs/promises";

/** The file's stats, or null when nothing is at the path. */
export async function statFile(path: string): Promise<Stats | null> {
  let stats: Stats;
  try {
    // Opened, not only stat'ed: a file the app may not read fails here, not halfway through a download.
    const handle = await fsp.open(path, "r");
    try {
      stats = await handle.stat();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw new Error(`Could not read the file ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (!stats.isFile()) throw new Error(`Could not read the file ${path}: it is not a regular file`);
  return stats;
}
