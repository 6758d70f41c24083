import "server-only";

/**
 * A request body as a byte source for a reader that may stop early (a file refused at its first
 * line, say). Cancelling the body would reset the connection before the client, still sending,
 * could read the refusal; so finish() reads and drops what is left instead, as long as the body
 * stays within maxBytes. A body announced or found to be larger is cancelled: nobody waits for it.
 */
export function streamRequestBody(request: Request, maxBytes: number) {
  const declaredBytes = Number(request.headers.get("content-length")) || null;
  const reader = request.body?.getReader() ?? null;
  let received = 0;
  let started = false;
  let ended = reader === null;

  async function* source(): AsyncGenerator<Uint8Array> {
    started = true;
    while (reader && !ended) {
      const next = await reader.read();
      if (next.done) ended = true;
      else {
        received += next.value.length;
        yield next.value;
      }
    }
  }

  async function finish() {
    // Unread bodies are Node's to discard; only one this reader began is left to it.
    if (!reader || !started || ended) return;
    try {
      while (!ended && received <= maxBytes && (declaredBytes ?? 0) <= maxBytes) {
        const next = await reader.read();
        if (next.done) ended = true;
        else received += next.value.length;
      }
      if (!ended) await reader.cancel();
    } catch (error) {
      // A client that hung up mid-body has no answer to read; anything else is worth a log line.
      if ((error as NodeJS.ErrnoException).code !== "ECONNRESET" && (error as Error).name !== "AbortError") console.error(error);
    }
  }

  return { source: source(), declaredBytes, finish };
}
