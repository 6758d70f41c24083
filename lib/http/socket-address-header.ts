// Route handlers are given no socket address: NextRequest.ip is gone since Next 15, and Next copies
// the connection's address into X-Forwarded-For only when the client sent none, so that header is
// the client's to choose. This puts the connection's address into a header of our own on every
// request the server receives, replacing any value the client sent under that name.
import http from "node:http";

export const SOCKET_ADDRESS_HEADER = "x-preflab-socket-address";

const INSTALLED = Symbol.for("preflab.socketAddressHeader");

type Emit = http.Server["emit"];

/** Called once as the server process starts (instrumentation.ts); a second call does nothing. */
export function installSocketAddressHeader(): void {
  const prototype = http.Server.prototype as http.Server & { [INSTALLED]?: true };
  if (prototype[INSTALLED]) return;
  const emit: Emit = prototype.emit;
  // Node's HTTP server hands each request to its listeners through emit("request", ...): Next's
  // listener then sees the header as if the client had sent it.
  prototype.emit = function (this: http.Server, event: string | symbol, ...args: unknown[]) {
    if (event === "request") {
      const request = args[0] as http.IncomingMessage;
      request.headers[SOCKET_ADDRESS_HEADER] = request.socket.remoteAddress ?? "";
    }
    return emit.apply(this, [event, ...args] as Parameters<Emit>);
  } as Emit;
  prototype[INSTALLED] = true;
}
