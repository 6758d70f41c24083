// Who is asking, for the per-client rate limits: the connection's address (which instrumentation.ts
// writes into a header of its own, so a client cannot choose it), or behind TRUST_PROXY proxies the
// address the outermost of them saw (lib/http/client-address.ts).
import { env } from "@/lib/env";
import { clientAddressOf } from "@/lib/http/client-address";

export function clientAddress(headers: Headers): string {
  return clientAddressOf(headers, { trustedProxies: env().TRUST_PROXY }) ?? "unknown";
}
