import { describe, expect, it, vi } from "vitest";
import { DEFAULT_JSON_BODY_BYTES, DRAIN_BYTES } from "@/lib/api/read-body";
import { errorResponse, readJsonBody } from "@/lib/api/responses";
import { AppError } from "@/lib/errors";

const URL_ = "http://localhost/api/v1/anything";

function post(body: BodyInit | null, headers: Record<string, string> = {}) {
  return new Request(URL_, { method: "POST", body, headers, duplex: "half" } as RequestInit);
}

/** A chunked body (no Content-Length) of `chunks` chunks of `size` bytes, counting how many were pulled. */
function streamed(chunks: number, size: number, { stallAfter = Infinity } = {}) {
  const pulled = { count: 0, cancelled: false };
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled.count === chunks) return controller.close();
        if (pulled.count === stallAfter) return new Promise<void>(() => {});
        pulled.count++;
        controller.enqueue(new Uint8Array(size).fill(0x20));
      },
      cancel() {
        pulled.cancelled = true;
      },
    },
    // Nothing pulled ahead of the reader: every chunk counted was asked for.
    { highWaterMark: 0 },
  );
  return { body, pulled };
}

async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => null,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(AppError);
  return error as AppError;
}

describe("readJsonBody", () => {
  it("parses a JSON body", async () => {
    expect(await readJsonBody(post(JSON.stringify({ strength: 2, rationale: "é ✓" })))).toEqual({ strength: 2, rationale: "é ✓" });
  });

  it("refuses a declared Content-Length over the limit before reading a byte", async () => {
    const { body, pulled } = streamed(100, 1024, { stallAfter: 0 }); // not a byte arrives: the refusal cannot wait for one
    const error = await refusal(readJsonBody(post(body, { "content-length": String(DEFAULT_JSON_BODY_BYTES + 1) })));
    expect(error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", status: 413, message: expect.stringContaining("1024 KiB") });
    expect(pulled.count).toBe(0);
  });

  it("counts a body without Content-Length as it arrives and refuses it past the limit, without waiting for the rest", async () => {
    const { body, pulled } = streamed(5 * 1024, 1024, { stallAfter: 80 }); // 5 MiB offered, then a stall
    const error = await refusal(readJsonBody(post(body), { maxBytes: 64 * 1024 }));
    expect(error).toMatchObject({ code: "PAYLOAD_TOO_LARGE", message: expect.stringContaining("64 KiB") });
    expect(pulled.count).toBeLessThanOrEqual(80);
  });

  it("drops the rest of a refused body, and cancels one that goes on past the drain bound", async () => {
    const small = streamed(5 * 1024, 1024); // 5 MiB: read to its end and dropped, the connection kept
    await refusal(readJsonBody(post(small.body), { maxBytes: 64 * 1024 }));
    await vi.waitFor(() => expect(small.pulled.count).toBe(5 * 1024));
    expect(small.pulled.cancelled).toBe(false);
    const endless = streamed(Infinity, 64 * 1024);
    await refusal(readJsonBody(post(endless.body, { "content-length": String(10 * 1024 ** 3) })));
    await vi.waitFor(() => expect(endless.pulled.cancelled).toBe(true));
    expect(endless.pulled.count * 64 * 1024).toBeLessThanOrEqual(DRAIN_BYTES + 128 * 1024);
  });

  it("refuses bytes that are not UTF-8 rather than storing U+FFFD", async () => {
    const bytes = Buffer.concat([Buffer.from('{"reason": "'), Buffer.from([0xff, 0xfe, 0xc3, 0x28]), Buffer.from('"}')]);
    const error = await refusal(readJsonBody(post(bytes)));
    expect(error).toMatchObject({ code: "INVALID_INPUT", message: expect.stringContaining("not valid UTF-8") });
  });

  it("names the problem in JSON that is cut short", async () => {
    const error = await refusal(readJsonBody(post('{"strength": 2, "idempot')));
    expect(error.code).toBe("INVALID_INPUT");
    expect(error.message).toMatch(/^The request body is not valid JSON: .*(Unterminated|Unexpected end)/);
  });

  it("refuses a NUL anywhere, naming its field, keys included", async () => {
    const nested = await refusal(readJsonBody(post(JSON.stringify({ strength: 1, flags: { A: ["ok", "bad\u0000id"] } }))));
    expect(nested.details).toEqual([{ field: "flags.A[1]", message: expect.stringContaining("NUL character") }]);
    const key = await refusal(readJsonBody(post('{"ratio\\u0000nale": "x"}')));
    expect(key.details[0]).toMatchObject({ field: "ratio\u0000nale", message: expect.stringContaining("field name") });
  });

  it("refuses an unpaired surrogate, which would be stored as U+FFFD", async () => {
    const error = await refusal(readJsonBody(post('{"rationale": "a\\ud800b"}')));
    expect(error.details).toEqual([{ field: "rationale", message: expect.stringContaining("unpaired surrogate") }]);
  });

  it("refuses JSON nested deeper than any body takes, without overflowing the stack", async () => {
    const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    const error = await refusal(readJsonBody(post(deep)));
    expect(error.details[0].message).toContain("nested more than 32 levels deep");
  });

  it("refuses an empty body unless the route says what it means", async () => {
    expect((await refusal(readJsonBody(post(null)))).message).toContain("empty");
    expect(await readJsonBody(post(null), { empty: {} })).toEqual({});
  });
});

describe("errorResponse", () => {
  it("answers a database out of reach with 503, Retry-After and the error shape", async () => {
    vi.spyOn(console, "warn").mockImplementation(() => {});
    const refused = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:1"), { code: "ECONNREFUSED", syscall: "connect", errno: -111 });
    const response = errorResponse(refused);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ error: { code: "UNAVAILABLE", message: expect.stringContaining("try again"), details: [] } });
  });

  it("keeps a 500 for everything else", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const response = errorResponse(Object.assign(new Error("duplicate key"), { code: "23505" }));
    expect(response.status).toBe(500);
    expect(response.headers.get("retry-after")).toBeNull();
  });
});
