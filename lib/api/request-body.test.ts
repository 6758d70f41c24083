import { describe, expect, it } from "vitest";
import { streamRequestBody } from "@/lib/api/request-body";

/** A POST whose body is `chunks` chunks of 1 KB, recording how many were pulled and whether it was cancelled. */
function post(chunks: number, headers: Record<string, string> = {}) {
  const seen = { pulled: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (seen.pulled === chunks) return controller.close();
        seen.pulled++;
        controller.enqueue(new Uint8Array(1024));
      },
      cancel() {
        seen.cancelled = true;
      },
      // Pulled only when read, as a request body arriving from a socket.
    },
    { highWaterMark: 0 },
  );
  const request = new Request("http://localhost/api", { method: "POST", body, headers, duplex: "half" } as RequestInit);
  return { request, seen };
}

async function readFirst(source: AsyncGenerator<Uint8Array>) {
  for await (const chunk of source) return chunk;
}

describe("streamRequestBody", () => {
  it("reads and drops what an early-stopping reader left, so the client can read the answer", async () => {
    const { request, seen } = post(10);
    const body = streamRequestBody(request, 1024 * 1024);
    await readFirst(body.source);
    await body.finish();
    expect(seen).toEqual({ pulled: 10, cancelled: false });
  });

  it("cancels a body that passes the most it may be, or is announced larger", async () => {
    const big = post(100);
    const body = streamRequestBody(big.request, 10 * 1024);
    await readFirst(body.source);
    await body.finish();
    expect(big.seen.cancelled).toBe(true);
    expect(big.seen.pulled).toBeLessThan(20);

    const announced = post(100, { "content-length": String(1024 ** 3) });
    const declared = streamRequestBody(announced.request, 10 * 1024);
    expect(declared.declaredBytes).toBe(1024 ** 3);
    await readFirst(declared.source);
    await declared.finish();
    expect(announced.seen.cancelled).toBe(true);
  });

  it("leaves a body it never began to read alone", async () => {
    const { request, seen } = post(10);
    await streamRequestBody(request, 1024 * 1024).finish();
    expect(seen).toEqual({ pulled: 0, cancelled: false });
  });
});
