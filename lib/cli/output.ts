import { once } from "node:events";
import fs from "node:fs";

export type LineWriter = { write(line: string): Promise<void>; close(): Promise<void> };

/** Where an export goes: --output FILE, or standard output. */
export function openLineWriter(outputPath?: string): LineWriter {
  if (outputPath) return streamWriter(fs.createWriteStream(outputPath));
  if (isFileBehindNpmBanner()) return positionalFileWriter(1);
  if (process.env.npm_lifecycle_event && process.env.npm_config_loglevel !== "silent" && !process.stdout.isTTY) {
    process.stderr.write("note: npm writes a '> preflab ...' banner to standard output; use --output FILE or `npm run -s` for a clean file\n");
  }
  return streamWriter(process.stdout, false);
}

function streamWriter(stream: NodeJS.WritableStream, end = true): LineWriter {
  return {
    async write(line) {
      if (!stream.write(line)) await once(stream, "drain");
    },
    async close() {
      if (end) await new Promise<void>((resolve) => stream.end(resolve));
    },
  };
}

// `npm run preflab -- export ... > file.jsonl` puts npm's "> preflab@x preflab" banner at the start
// of the file before this process runs. When standard output is that file, start it over: write
// from byte 0 (positional writes, since the descriptor's offset is shared with npm) and cut the rest.
function isFileBehindNpmBanner(): boolean {
  if (!process.env.npm_lifecycle_event) return false;
  try {
    const stat = fs.fstatSync(1);
    if (!stat.isFile() || stat.size === 0 || stat.size > 4096) return false;
    // The shell opened the descriptor write-only; reading goes through a second, read-only open.
    const head = fs.readFileSync("/proc/self/fd/1", "utf8");
    return /^\n> [^\n]+\n> [^\n]*\n\n$/.test(head);
  } catch {
    return false; // not Linux, or not readable: leave the output alone
  }
}

function positionalFileWriter(fd: number): LineWriter {
  let position = 0;
  fs.ftruncateSync(fd, 0);
  return {
    async write(line) {
      const bytes = Buffer.from(line);
      fs.writeSync(fd, bytes, 0, bytes.length, position);
      position += bytes.length;
    },
    async close() {
      fs.ftruncateSync(fd, position);
    },
  };
}
