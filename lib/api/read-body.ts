import { AppError } from "@/lib/errors";

/** What a JSON body may weigh unless a route says otherwise: far above any answer, draft or export request. */
export const DEFAULT_JSON_BODY_BYTES = 1024 * 1024;

function tooLarge(maxBytes: number): AppError {
  const limit = maxBytes % 1024 === 0 ? `${maxBytes / 1024} KiB` : `${maxBytes} bytes`;
  return new AppError("PAYLOAD_TOO_LARGE", `The request body is larger than ${limit}, the most this request takes`);
}

/**
 * The body's bytes, never more than `maxBytes` of them held: a declared Content-Length over the limit
 * is refused before reading, and a body without one (chunked) is counted as it arrives.
 */
export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  if (declared !== null && Number(declared) > maxBytes) throw tooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);
  const reader = request.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  try {
    for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
      size += chunk.value.byteLength;
      if (size > maxBytes) throw tooLarge(maxBytes);
      parts.push(chunk.value);
    }
  } finally {
    // Stops reading (and buffering) the rest of a refused body; the answer still goes out.
    if (size > maxBytes) await reader.cancel().catch(() => undefined);
    reader.releaseLock();
  }
  return Buffer.concat(parts, size);
}
