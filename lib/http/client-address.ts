// Who a request comes from, for per-client limits: the address in X-Forwarded-For only when the app
// is told how many proxies in front of it write that header (TRUST_PROXY), else the connection's.
import { createHmac } from "node:crypto";
import { isIP } from "node:net";
import { SOCKET_ADDRESS_HEADER } from "@/lib/http/socket-address-header";

const KEY_PURPOSE = "preflab:client-key:v1";

type HeaderSource = { get(name: string): string | null };

/**
 * With n trusted proxies, each appends the address it was reached from, so the client is the n-th
 * entry from the right; entries left of it are whatever the client chose to send.
 */
export function clientAddressOf(headers: HeaderSource, { trustedProxies }: { trustedProxies: number }): string | null {
  if (trustedProxies > 0) {
    const chain = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((entry) => entry.trim())
      .filter(Boolean);
    if (chain.length > 0) return normaliseAddress(chain[Math.max(0, chain.length - trustedProxies)]);
  }
  return normaliseAddress(headers.get(SOCKET_ADDRESS_HEADER) ?? "");
}

/**
 * An IPv4 address as is (also when written as IPv6, ::ffff:a.b.c.d), an IPv6 address by its /64:
 * one subscriber usually holds a whole /64, so counting single IPv6 addresses would count nothing.
 */
export function normaliseAddress(raw: string): string | null {
  const address = raw.replace(/^\[|\]$/g, "").replace(/%.*$/, "");
  const family = isIP(address);
  if (family === 4) return address;
  if (family !== 6) return null;
  const groups = expandIpv6(address);
  const mapped = groups.slice(0, 5).every((group) => group === 0) && groups[5] === 0xffff;
  if (mapped) return [groups[6] >> 8, groups[6] & 0xff, groups[7] >> 8, groups[7] & 0xff].join(".");
  return `${groups
    .slice(0, 4)
    .map((group) => group.toString(16))
    .join(":")}::/64`;
}

// Eight 16-bit groups; the URL parser writes an embedded IPv4 tail (::ffff:1.2.3.4) as hex first.
function expandIpv6(address: string): number[] {
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1);
  const [head, tail = ""] = canonical.split("::");
  const parse = (part: string) => (part ? part.split(":").map((group) => parseInt(group, 16)) : []);
  const left = parse(head);
  const right = canonical.includes("::") ? parse(tail) : [];
  return [...left, ...Array<number>(8 - left.length - right.length).fill(0), ...right];
}

/**
 * What is stored for a client: a keyed hash of its address, so the database holds no participant's
 * address, only something to count by. An unknown address is one shared key.
 */
export function clientKeyOf(address: string | null, { secret }: { secret: string }): string {
  if (!address) return "unknown";
  return createHmac("sha256", secret).update(`${KEY_PURPOSE}\n${address}`).digest("base64url").slice(0, 22);
}
