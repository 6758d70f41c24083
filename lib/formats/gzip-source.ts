// Gzip is recognised by its magic bytes (1f 8b), not by the file name: browsers and scripts rename
// files, and a ".jsonl" that is really gzip must not be read as garbage lines.
import { Readable } from "node:stream";
import { pipeline } from "node:stream";
import { createGunzip } from "node:zlib";

export function isGzip(head: Uint8Array): boolean {
  return head.length >= 2 && head[0] === 0x1f && head[1] === 0x8b;
}

export type OpenedSource = { stream: Readable; gzip: boolean; head: Buffer };

/** Peeks at the first bytes and returns the source, gunzipped as a stream when it is gzip. */
export async function openImportSource(source: Readable | AsyncIterable<Uint8Array>): Promise<OpenedSource> {
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
    if (head.length > 0) yield head;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const raw = Readable.from(all(), { objectMode: false });
  if (!isGzip(head)) return { stream: raw, gzip: false, head };
  const gunzip = createGunzip();
  // Errors of either side reach the reader through gunzip, which pipeline destroys with them.
  pipeline(raw, gunzip, () => {});
  return { stream: gunzip, gzip: true, head };
}
