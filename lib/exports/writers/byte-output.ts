// The end of every export: bytes written with backpressure, counted and hashed as they pass, so the
// manifest can give the size and SHA-256 of exactly what was delivered.
import { createHash } from "node:crypto";
import type { Writable } from "node:stream";

export class ByteOutput {
  private readonly hash = createHash("sha256");
  bytes = 0;

  constructor(private readonly destination: Writable) {}

  async write(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0) return;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    if (this.destination.destroyed) throw new ReaderGoneError();
    if (!this.destination.write(chunk)) await drained(this.destination);
  }

  sha256(): string {
    return this.hash.digest("hex");
  }
}

export class ReaderGoneError extends Error {
  constructor() {
    super("the export's reader went away before it ended");
  }
}

/** Resolves on "drain"; a destination destroyed meanwhile (a client hanging up) never drains, so that fails. */
function drained(destination: Writable): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      destination.off("drain", onDrain).off("close", onClose).off("error", settle);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new ReaderGoneError());
    destination.on("drain", onDrain).on("close", onClose).on("error", settle);
  });
}

/** Collects a stream's output into a ByteOutput (used behind gzip and zip streams). */
export async function pipeInto(source: NodeJS.ReadableStream, output: ByteOutput): Promise<void> {
  for await (const chunk of source) await output.write(chunk as Buffer);
}
