import { afterEach, describe, expect, it } from "vitest";
import { clientAddress } from "@/lib/client-address";
import { SOCKET_ADDRESS_HEADER } from "@/lib/http/socket-address-header";

const saved = process.env.TRUST_PROXY;
afterEach(() => {
  if (saved === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = saved;
});

const request = (headers: Record<string, string>) => new Headers(headers);

describe("clientAddress (the rate limits' client)", () => {
  it("facing clients, takes the connection's address and ignores a forwarding header the client wrote", () => {
    delete process.env.TRUST_PROXY;
    expect(clientAddress(request({ [SOCKET_ADDRESS_HEADER]: "203.0.113.7", "x-forwarded-for": "6.6.6.6" }))).toBe("203.0.113.7");
    expect(clientAddress(request({}))).toBe("unknown");
  });

  it("behind trusted proxies, takes the entry the outermost one added and ignores what the client wrote", () => {
    process.env.TRUST_PROXY = "true";
    expect(clientAddress(request({ "x-forwarded-for": "6.6.6.6, 203.0.113.7" }))).toBe("203.0.113.7");
    process.env.TRUST_PROXY = "2";
    expect(clientAddress(request({ "x-forwarded-for": "6.6.6.6, 203.0.113.7, 10.0.0.2" }))).toBe("203.0.113.7");
  });
});
