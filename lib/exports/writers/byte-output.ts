// The end of every export: bytes written with backpressure, counted and hashed as they pass, so the
// manifest can give the size and SHA-256 of exactly what was delivered.
import { createHash } from "node:crypto";
import { once } from "node:events";
import type { Writable } from "node:stream";

export class ByteOutput {
  private readonly hash = createHash("sha256");
  bytes = 0;

  constructor(private readonly destination: Writable) {}

  async write(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0) return;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (!this.destination.write(chunk)) await once(this.destination, "drain");
  }

  sha256(): string {
    return this.hash.digest("hex");
  }
}

/** Collects a stream's output into a ByteOutput (used behind gzip and zip streams). */
export async function pipeInto(source: NodeJS.ReadableStream, output: ByteOutput): Promise<void> {
  for await (const chunk of source) await output.write(chunk as Buffer);
}
