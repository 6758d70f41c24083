// Who is asking, for the per-client rate limits. Next.js gives route handlers and Server Actions no
// socket address; its server writes the socket's address into X-Forwarded-For only when the request
// carries none (`x-forwarded-for ??= socket.remoteAddress` in next/dist/server/base-server.js). So:
// - behind TRUST_PROXY=N proxies, each appending the address it was reached from, the client is the
//   N-th entry from the right, and anything further left is the client's own say, ignored;
// - facing clients (TRUST_PROXY=0), it is the header as Next.js passes it on: the socket's address,
//   unless the client sent the header itself and so picked its own. The per-client limits then stop
//   ordinary clients only; the per-email, per-invite, per-study and per-token limits hold anyway.
import { isIP } from "node:net";
import { env } from "@/lib/env";

export function clientAddress(headers: Headers): string {
  const entries = (headers.get("x-forwarded-for") ?? "")
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean);
  const address = entries.at(-Math.max(env().TRUST_PROXY, 1)) ?? entries[0];
  return address ? normalizeAddress(address) : "unknown";
}

/** One key per client: IPv4 as is (also when written IPv4-mapped), IPv6 by its /64, which one host can roam. */
export function normalizeAddress(address: string): string {
  const text = address.toLowerCase().replace(/^\[(.*)\](:\d+)?$/, "$1");
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/.exec(text);
  if (mapped) return mapped[1];
  if (isIP(text) === 6) return `${ipv6Groups(text).slice(0, 4).join(":")}::/64`;
  // Not an address (a client's own header, say): still a key, of bounded length.
  return text.slice(0, 100);
}

function ipv6Groups(address: string): string[] {
  const [head = "", tail] = address.split("%")[0].split("::");
  const left = head ? head.split(":") : [];
  const right = tail ? tail.split(":") : [];
  const zeros = tail === undefined ? [] : Array<string>(8 - left.length - right.length).fill("0");
  return [...left, ...zeros, ...right].map((group) => parseInt(group, 16).toString(16));
}
