// `npm start --processes N`: one public address in front of N app processes on loopback ports, each
// request to the next process in turn. Responses are piped through as they come (http-proxy-3), so
// server-sent events and streamed downloads reach the client chunk by chunk, never buffered whole.
import http from "node:http";
import type net from "node:net";
import { createProxyServer } from "http-proxy-3";
import { RETRY_AFTER_SECONDS } from "@/lib/db/unavailable";

export type RoundRobinProxy = { port: number; close: () => Promise<void> };

/**
 * The client's address appended to X-Forwarded-For, as nginx's $proxy_add_x_forwarded_for does: the
 * app processes count this proxy as one more trusted one (TRUST_PROXY + 1). Host and the other
 * forwarded headers pass unchanged, so the app builds its URLs from the address the client used.
 */
export function appendForwardedFor(existing: string | string[] | undefined, clientAddress: string | undefined): string {
  const previous = [existing ?? []].flat().join(", ").trim();
  const address = clientAddress ?? "";
  return previous ? `${previous}, ${address}` : address;
}

function answerUnavailable(response: http.ServerResponse | net.Socket, target: string, error: Error) {
  console.error(`[preflab] the app process at ${target} did not answer: ${error.message}`);
  if (!(response instanceof http.ServerResponse)) return void response.destroy();
  // Once the answer has begun it cannot become an error status: end it, so the client sees it cut short.
  if (response.headersSent) return void response.destroy();
  const message = `The app process did not answer; try again in ${RETRY_AFTER_SECONDS} seconds`;
  response.writeHead(503, { "content-type": "application/json", "retry-after": String(RETRY_AFTER_SECONDS) });
  response.end(JSON.stringify({ error: { code: "UNAVAILABLE", message, details: [] } }));
}

/** Listens on host:port (every interface when host is undefined) and sends each request to the next target. */
export async function startRoundRobinProxy({ targets, host, port }: { targets: string[]; host: string | undefined; port: number }): Promise<RoundRobinProxy> {
  if (targets.length === 0) throw new Error("the round-robin proxy needs at least one app process to send requests to");
  // Kept-alive connections to the app processes: a new TCP connection per request would cost more than the proxying.
  const agent = new http.Agent({ keepAlive: true });
  const proxy = createProxyServer({ agent, xfwd: false, changeOrigin: false });
  let next = 0;
  const pick = () => targets[next++ % targets.length];

  const server = http.createServer((request, response) => {
    request.headers["x-forwarded-for"] = appendForwardedFor(request.headers["x-forwarded-for"], request.socket.remoteAddress);
    const target = pick();
    proxy.web(request, response, { target }, (error) => answerUnavailable(response, target, error as Error));
  });
  // The app serves no WebSocket itself today; passing upgrades through keeps the proxy transparent.
  server.on("upgrade", (request: http.IncomingMessage, socket: net.Socket, head: Buffer) => {
    const target = pick();
    proxy.ws(request, socket, head, { target }, (error) => answerUnavailable(socket, target, error as Error));
  });

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const { port: listening } = server.address() as net.AddressInfo;
  return {
    port: listening,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        // Open streams (server-sent events, long downloads) would hold close() forever.
        server.closeAllConnections();
        agent.destroy();
      }),
  };
}
