import { describe, expect, it } from "vitest";
import { clientAddressOf, clientKeyOf, normaliseAddress } from "@/lib/http/client-address";
import { SOCKET_ADDRESS_HEADER } from "@/lib/http/socket-address-header";

const headers = (values: Record<string, string>) => new Headers(values);

describe("clientAddressOf", () => {
  it("takes the connection's address and ignores X-Forwarded-For unless proxies are trusted", () => {
    const request = headers({ [SOCKET_ADDRESS_HEADER]: "203.0.113.9", "x-forwarded-for": "198.51.100.1" });
    expect(clientAddressOf(request, { trustedProxies: 0 })).toBe("203.0.113.9");
    expect(clientAddressOf(headers({ "x-forwarded-for": "198.51.100.1" }), { trustedProxies: 0 })).toBeNull();
  });

  it("takes the entry the trusted proxies appended, not what the client put before it", () => {
    const request = headers({ [SOCKET_ADDRESS_HEADER]: "10.0.0.2", "x-forwarded-for": "1.1.1.1, 198.51.100.7, 10.0.0.1" });
    expect(clientAddressOf(request, { trustedProxies: 1 })).toBe("10.0.0.1");
    expect(clientAddressOf(request, { trustedProxies: 2 })).toBe("198.51.100.7");
    expect(clientAddressOf(request, { trustedProxies: 5 })).toBe("1.1.1.1");
    expect(clientAddressOf(headers({ [SOCKET_ADDRESS_HEADER]: "10.0.0.2" }), { trustedProxies: 1 })).toBe("10.0.0.2");
  });
});

describe("normaliseAddress", () => {
  it.each([
    ["192.0.2.10", "192.0.2.10"],
    ["::ffff:192.0.2.10", "192.0.2.10"],
    ["[::ffff:127.0.0.1]", "127.0.0.1"],
    ["2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"],
    ["2001:db8:1:2::1", "2001:db8:1:2::/64"],
    ["2001:db8::", "2001:db8:0:0::/64"],
    ["::1", "0:0:0:0::/64"],
    ["fe80::1%eth0", "fe80:0:0:0::/64"],
  ])("%s is counted as %s", (raw, expected) => {
    expect(normaliseAddress(raw)).toBe(expected);
  });

  it("refuses what is not an address", () => {
    for (const raw of ["", "unknown", "example.com", "1.2.3", "<script>"]) expect(normaliseAddress(raw)).toBeNull();
  });
});

describe("clientKeyOf", () => {
  it("is a keyed hash: stable for one address and secret, different across addresses and secrets", () => {
    const secret = "s".repeat(32);
    const key = clientKeyOf("192.0.2.10", { secret });
    expect(key).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(key).not.toContain("192");
    expect(clientKeyOf("192.0.2.10", { secret })).toBe(key);
    expect(clientKeyOf("192.0.2.11", { secret })).not.toBe(key);
    expect(clientKeyOf("192.0.2.10", { secret: "t".repeat(32) })).not.toBe(key);
    expect(clientKeyOf(null, { secret })).toBe("unknown");
  });
});
