// The proxy of `npm start --processes N`, between real HTTP servers on loopback ports.
import http from "node:http";
import type net from "node:net";
import { afterEach, describe, expect, it, vi } from "vitest";
import { findFreePort } from "@/lib/runner/embedded-postgres";
import { appendForwardedFor, startRoundRobinProxy, type RoundRobinProxy } from "@/lib/runner/round-robin-proxy";

const closing: (() => Promise<void>)[] = [];

afterEach(async () => {
  vi.restoreAllMocks();
  for (const close of closing.splice(0)) await close();
});

async function upstream(handle: http.RequestListener): Promise<string> {
  const server = http.createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  closing.push(
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
}

/** Each upstream answers with its name and the headers it was sent. */
function namedUpstream(name: string): Promise<string> {
  return upstream((request, response) => {
    response.setHeader("content-type", "application/json");
    response.end(JSON.stringify({ name, forwardedFor: request.headers["x-forwarded-for"], host: request.headers.host }));
  });
}

async function proxyTo(targets: string[]): Promise<RoundRobinProxy> {
  const proxy = await startRoundRobinProxy({ targets, host: "127.0.0.1", port: 0 });
  closing.unshift(proxy.close);
  return proxy;
}

describe("appendForwardedFor", () => {
  it("adds the client's address after any the request already carries", () => {
    expect(appendForwardedFor(undefined, "203.0.113.9")).toBe("203.0.113.9");
    expect(appendForwardedFor("198.51.100.1", "127.0.0.1")).toBe("198.51.100.1, 127.0.0.1");
    expect(appendForwardedFor(["198.51.100.1", "198.51.100.2"], "::1")).toBe("198.51.100.1, 198.51.100.2, ::1");
  });
});

describe("the round-robin proxy", () => {
  it("sends each request to the next app process in turn, with the client's address and the Host it used", async () => {
    const proxy = await proxyTo([await namedUpstream("a"), await namedUpstream("b")]);
    const answers = [];
    for (let n = 0; n < 4; n++) answers.push(await (await fetch(`http://127.0.0.1:${proxy.port}/`)).json());
    expect(answers.map((answer) => answer.name)).toEqual(["a", "b", "a", "b"]);
    expect(answers[0]).toMatchObject({ forwardedFor: "127.0.0.1", host: `127.0.0.1:${proxy.port}` });

    const behindAnother = await fetch(`http://127.0.0.1:${proxy.port}/`, { headers: { "x-forwarded-for": "203.0.113.9" } });
    expect(await behindAnother.json()).toMatchObject({ forwardedFor: "203.0.113.9, 127.0.0.1" });
  });

  it("passes a stream on chunk by chunk: the client reads the first event before the app writes the second", async () => {
    let firstReadByClient!: () => void;
    const clientHasFirst = new Promise<void>((resolve) => (firstReadByClient = resolve));
    const target = await upstream(async (_request, response) => {
      response.writeHead(200, { "content-type": "text/event-stream", "cache-control": "no-cache" });
      response.write("data: one\n\n");
      // A proxy that buffered the answer would never hand the client the first event: this would wait forever.
      await clientHasFirst;
      response.end("data: two\n\n");
    });
    const proxy = await proxyTo([target]);

    const received = await new Promise<string[]>((resolve, reject) => {
      http
        .get(`http://127.0.0.1:${proxy.port}/events`, (response) => {
          const chunks: string[] = [];
          response.setEncoding("utf8");
          response.on("data", (chunk: string) => {
            chunks.push(chunk);
            if (chunks.length === 1) firstReadByClient();
          });
          response.on("end", () => resolve(chunks));
        })
        .on("error", reject);
    });
    expect(received).toEqual(["data: one\n\n", "data: two\n\n"]);
  });

  it("answers 503 UNAVAILABLE with Retry-After when an app process does not answer", async () => {
    vi.spyOn(console, "error").mockImplementation(() => {});
    const proxy = await proxyTo([`http://127.0.0.1:${await findFreePort()}`]);
    const response = await fetch(`http://127.0.0.1:${proxy.port}/api/health`);
    expect(response.status).toBe(503);
    expect(response.headers.get("retry-after")).toBe("5");
    expect(await response.json()).toEqual({ error: { code: "UNAVAILABLE", message: expect.stringContaining("try again"), details: [] } });
  });
});
