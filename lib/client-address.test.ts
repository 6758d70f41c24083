import { afterEach, describe, expect, it } from "vitest";
import { clientAddress, normalizeAddress } from "@/lib/client-address";

const saved = process.env.TRUST_PROXY;
afterEach(() => {
  if (saved === undefined) delete process.env.TRUST_PROXY;
  else process.env.TRUST_PROXY = saved;
});

const forwarded = (value?: string) => new Headers(value === undefined ? {} : { "x-forwarded-for": value });

describe("clientAddress", () => {
  it("facing clients, takes the address Next.js passes on (the socket's, unless the client sent one)", () => {
    delete process.env.TRUST_PROXY;
    expect(clientAddress(forwarded("203.0.113.7"))).toBe("203.0.113.7");
    expect(clientAddress(forwarded())).toBe("unknown");
  });

  it("behind trusted proxies, takes the entry the outermost one added and ignores what the client wrote", () => {
    process.env.TRUST_PROXY = "true";
    expect(clientAddress(forwarded("6.6.6.6, 203.0.113.7"))).toBe("203.0.113.7");
    process.env.TRUST_PROXY = "2";
    expect(clientAddress(forwarded("6.6.6.6, 203.0.113.7, 10.0.0.2"))).toBe("203.0.113.7");
    // Fewer entries than proxies (a request that came round the outer one): the leftmost there is.
    expect(clientAddress(forwarded("203.0.113.9"))).toBe("203.0.113.9");
  });
});

describe("normalizeAddress", () => {
  it("keeps IPv4, unwraps IPv4-mapped IPv6, and keys IPv6 by its /64", () => {
    expect(normalizeAddress("203.0.113.7")).toBe("203.0.113.7");
    expect(normalizeAddress("::ffff:203.0.113.7")).toBe("203.0.113.7");
    expect(normalizeAddress("2001:DB8:aa:bb:1:2:3:4")).toBe("2001:db8:aa:bb::/64");
    expect(normalizeAddress("2001:db8:aa:bb::99")).toBe("2001:db8:aa:bb::/64");
    expect(normalizeAddress("[2001:db8::1]:443")).toBe("2001:db8:0:0::/64");
    expect(normalizeAddress("::1")).toBe("0:0:0:0::/64");
  });

  it("keeps anything else as a key of bounded length", () => {
    expect(normalizeAddress("Not-An-Address")).toBe("not-an-address");
    expect(normalizeAddress("x".repeat(500))).toHaveLength(100);
  });
});
