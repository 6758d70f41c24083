import fs from "node:fs";
import { Writable } from "node:stream";

/** Where an export goes: --output FILE, or standard output. */
export function openByteWriter(outputPath?: string): Writable {
  if (outputPath) return fs.createWriteStream(outputPath);
  if (isFileBehindNpmBanner()) return positionalFileWriter(1);
  // npm's own variables, not the app's configuration: they say whether `npm run` started this process.
  if (process.env.npm_lifecycle_event && process.env.npm_config_loglevel !== "silent" && !process.stdout.isTTY) {
    process.stderr.write("note: npm writes a '> preflab ...' banner to standard output; use --output FILE or `npm run -s` for a clean file\n");
  }
  return process.stdout;
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

function positionalFileWriter(fd: number): Writable {
  let position = 0;
  fs.ftruncateSync(fd, 0);
  return new Writable({
    write(chunk: Buffer, _encoding, callback) {
      fs.write(fd, chunk, 0, chunk.length, position, (error) => {
        position += chunk.length;
        callback(error);
      });
    },
    final(callback) {
      fs.ftruncate(fd, position, callback);
    },
  });
}
