// Gzip is recognised by its magic bytes (1f 8b), not by the file name: browsers and scripts rename
// files, and a ".jsonl" that is really gzip must not be read as garbage lines.
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream";
import { createGunzip } from "node:zlib";
import { GZIP_FREE_BYTES, GZIP_MAX_OUTPUT_BYTES, GZIP_MAX_RATIO } from "@/lib/formats/import-limits";

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export type OpenedSource = { stream: Readable; gzip: boolean; head: Buffer };

export type GzipLimits = { maxRatio: number; freeBytes: number; maxOutputBytes: number };

const DEFAULT_LIMITS: GzipLimits = { maxRatio: GZIP_MAX_RATIO, freeBytes: GZIP_FREE_BYTES, maxOutputBytes: GZIP_MAX_OUTPUT_BYTES };

/** A gzip body that decompresses to more than the limits allow (a gzip bomb, most likely), at the line it was cut in. */
export class DecompressionLimitError extends Error {
  constructor(
    limits: GzipLimits,
    readonly line: number,
  ) {
    super(
      `decompressed, the file grows past ${limits.maxRatio} times its compressed size (or past ${formatBytes(limits.maxOutputBytes)}), ` +
        "more than any import may; reading stopped",
    );
    this.name = "DecompressionLimitError";
  }
}

function formatBytes(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${bytes / 1024 ** 3} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}

function countNewlines(bytes: Buffer): number {
  let count = 0;
  for (let at = bytes.indexOf(0x0a); at !== -1; at = bytes.indexOf(0x0a, at + 1)) count++;
  return count;
}

/**
 * Passes gunzip's output on while it stays within the limits, measured against the compressed
 * bytes it has taken in. It counts lines too, so that the refusal names where the file was cut.
 */
function outputLimit(inputBytes: () => number, limits: GzipLimits): Transform {
  let output = 0;
  let newlines = 0;
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      const allowed = Math.min(limits.maxOutputBytes, limits.freeBytes + limits.maxRatio * inputBytes());
      if (output + chunk.length <= allowed) {
        output += chunk.length;
        newlines += countNewlines(chunk);
        return done(null, chunk);
      }
      const line = newlines + countNewlines(chunk.subarray(0, Math.max(0, allowed - output))) + 1;
      done(new DecompressionLimitError(limits, line));
    },
  });
}

/** Peeks at the first bytes and returns the source, gunzipped as a stream (within the limits) when it is gzip. */
export async function openImportSource(source: Readable | AsyncIterable<Uint8Array>, limits: Partial<GzipLimits> = {}): Promise<OpenedSource> {
  const iterator = source[Symbol.asyncIterator]();
  const chunks: Buffer[] = [];
  let size = 0;
  let done = false;
  while (size < 2) {
    const next = await iterator.next();
    if (next.done) {
      done = true;
      break;
    }
    chunks.push(Buffer.from(next.value));
    size += next.value.length;
  }
  const head = Buffer.concat(chunks);
  async function* all() {
    try {
      if (head.length > 0) yield head;
      if (done) return;
      for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
    } finally {
      // Read no further than asked: a reader that stops early (a refused file) closes the source.
      await iterator.return?.();
    }
  }
  const raw = Readable.from(all(), { objectMode: false });
  if (!isGzip(head)) return { stream: raw, gzip: false, head };
  const gunzip = createGunzip();
  // Measured by what gunzip has decompressed, not what was read ahead of it (a chunk may be megabytes).
  const limited = outputLimit(() => gunzip.bytesWritten, { ...DEFAULT_LIMITS, ...limits });
  // Errors of any stage reach the reader through the last one, which pipeline destroys with them.
  pipeline(raw, gunzip, limited, () => {});
  return { stream: limited, gzip: true, head };
}
