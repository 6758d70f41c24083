// The end of every export: bytes written with backpressure, counted and hashed as they pass, so the
// manifest can give the size and SHA-256 of exactly what was delivered.
import { createHash } from "node:crypto";
import type { Writable } from "node:stream";

export class ByteOutput {
  private readonly hash = createHash("sha256");
  bytes = 0;
  /**
   * Rejects with the first failure to deliver (the reader gone or stalled). Encoders in front of this
   * output (gzip, CSV) wait for their own drain, which never comes once it fails: their writes are
   * raced against this so the export stops instead of hanging.
   */
  readonly failed: Promise<never>;
  private fail: (error: Error) => void = () => {};

  /** stallTimeoutMs: how long one write may wait for the destination to take more before the export is given up. */
  constructor(
    private readonly destination: Writable,
    private readonly stallTimeoutMs?: number,
  ) {
    this.failed = new Promise<never>((_resolve, reject) => (this.fail = reject));
    this.failed.catch(() => undefined);
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0) return;
    this.hash.update(chunk);
    this.bytes += chunk.length;
    try {
      if (this.destination.destroyed) throw new ReaderGoneError();
      if (!this.destination.write(chunk)) await drained(this.destination, this.stallTimeoutMs);
    } catch (error) {
      this.fail(error as Error);
      throw error;
    }
  }

  sha256(): string {
    return this.hash.digest("hex");
  }
}

export class ReaderGoneError extends Error {
  constructor(message = "the export's reader went away before it ended") {
    super(message);
  }
}

/** A reader that stopped taking bytes without going away: a client that reads a little and then nothing. */
export class ReaderStalledError extends ReaderGoneError {
  constructor(stallTimeoutMs: number) {
    super(`the export's reader took nothing for ${Math.round(stallTimeoutMs / 1000)} seconds, so the export was given up`);
  }
}

/**
 * Resolves on "drain". A destination destroyed meanwhile (a client hanging up) never drains, so that
 * fails; so does one that takes nothing for stallTimeoutMs, which is then destroyed so that its reader
 * (an HTTP response) ends too.
 */
function drained(destination: Writable, stallTimeoutMs?: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const settle = (error?: Error) => {
      clearTimeout(stall);
      destination.off("drain", onDrain).off("close", onClose).off("error", settle);
      if (error) reject(error);
      else resolve();
    };
    const onDrain = () => settle();
    const onClose = () => settle(new ReaderGoneError());
    const onStall = () => {
      const error = new ReaderStalledError(stallTimeoutMs!);
      settle(error);
      destination.destroy(error);
    };
    const stall = stallTimeoutMs ? setTimeout(onStall, stallTimeoutMs) : undefined;
    destination.on("drain", onDrain).on("close", onClose).on("error", settle);
  });
}

/** Collects a stream's output into a ByteOutput (used behind gzip and zip streams). */
export async function pipeInto(source: NodeJS.ReadableStream, output: ByteOutput): Promise<void> {
  for await (const chunk of source) await output.write(chunk as Buffer);
}
