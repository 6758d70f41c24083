import "server-only";
import { isAppError } from "@/lib/errors";

type Send = (progress: object) => void;

// Progress is sent at most this often: enough for a smooth bar without a line per chunk.
const PROGRESS_INTERVAL_MS = 250;

/**
 * A long request answered as NDJSON: {"progress": {...}} lines while it runs, then one
 * {"result": ...} or {"error": {code, message, details}}. The status is 200 once streaming starts,
 * so clients read the last line for the outcome.
 */
export function ndjsonProgressResponse(run: (sendProgress: Send) => Promise<unknown>): Response {
  const encoder = new TextEncoder();
  const stream = new ReadableStream<Uint8Array>({
    async start(controller) {
      const write = (value: object) => controller.enqueue(encoder.encode(`${JSON.stringify(value)}\n`));
      let last = 0;
      const sendProgress: Send = (progress) => {
        const now = Date.now();
        if (now - last < PROGRESS_INTERVAL_MS) return;
        last = now;
        write({ progress });
      };
      try {
        write({ result: await run(sendProgress) });
      } catch (error) {
        // Streaming has begun, so the status cannot change: the outcome is the last line.
        if (!isAppError(error)) console.error(error);
        const body = isAppError(error)
          ? { code: error.code, message: error.message, details: error.details }
          : { code: "INTERNAL", message: "Something went wrong on the server; it has been logged" };
        write({ error: body });
      }
      controller.close();
    },
  });
  return new Response(stream, { headers: { "content-type": "application/x-ndjson; charset=utf-8", "cache-control": "no-store" } });
}
