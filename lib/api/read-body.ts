import { AppError } from "@/lib/errors";

/** What a JSON body may weigh unless a route says otherwise: far above any answer, draft or export request. */
export const DEFAULT_JSON_BODY_BYTES = 1024 * 1024;

// After a refusal the rest of the body is read and dropped (never held), up to this much or this long:
// a client still sending then gets its 413 instead of a broken pipe, and its connection stays usable.
// Past either bound the body is cancelled, which ends the connection.
export const DRAIN_BYTES = 16 * 1024 * 1024;
const DRAIN_MS = 10_000;

function tooLarge(maxBytes: number): AppError {
  const limit = maxBytes % 1024 === 0 ? `${maxBytes / 1024} KiB` : `${maxBytes} bytes`;
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${limit}, the most this request takes`);
}

async function drainThenCancel(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<void> {
  const cancel = () => reader.cancel().catch(() => undefined);
  // unref: a client that stalls must not keep a stopping server alive.
  const deadline = setTimeout(cancel, DRAIN_MS).unref();
  try {
    let drained = 0;
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      drained += chunk.value.byteLength;
      if (drained > DRAIN_BYTES) return void (await cancel());
    }
  } catch {
    // The client went away, or the deadline cancelled the read: nothing is left to drop.
  } finally {
    clearTimeout(deadline);
  }
}

/** Refuses the body as too large, dropping the rest of it in the background. */
function refuse(reader: ReadableStreamDefaultReader<Uint8Array>, maxBytes: number): never {
  void drainThenCancel(reader);
  throw tooLarge(maxBytes);
}

/**
 * The body's bytes, never more than `maxBytes` of them held: a declared Content-Length over the limit
 * is refused before reading, and a body without one (chunked) is counted as it arrives.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  if (declared !== null && Number(declared) > maxBytes) refuse(reader, maxBytes);
  const parts: Uint8Array[] = [];
  let size = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    size += chunk.value.byteLength;
    if (size > maxBytes) refuse(reader, maxBytes);
    parts.push(chunk.value);
  }
  return Buffer.concat(parts, size);
}
