import { describe, expect, it } from "vitest";
import { openSecret, sealSecret } from "@/lib/models/secret-box";

describe("secret box", () => {
  it("opens what it sealed, and the sealed text does not contain the key", () => {
    const sealed = sealSecret("sk-live-123456", "server secret");
    expect(sealed).not.toContain("sk-live");
    expect(openSecret(sealed, "server secret")).toBe("sk-live-123456");
  });

  it("seals the same key differently each time (a fresh nonce)", () => {
    expect(sealSecret("k", "s")).not.toBe(sealSecret("k", "s"));
  });

  it("cannot open under another secret, nor after a byte changed", () => {
    const sealed = sealSecret("sk-live-123456", "server secret");
    expect(openSecret(sealed, "another secret")).toBeNull();
    const altered = sealed.slice(0, -2) + (sealed.endsWith("A") ? "BB" : "AA");
    expect(openSecret(altered, "server secret")).toBeNull();
    expect(openSecret("garbage", "server secret")).toBeNull();
  });
});
