import { describe, expect, it } from "vitest";
import { contentSecurityPolicy, createNonce, isStudyPath, originSource, pageSecurityHeaders } from "@/lib/security/page-headers";

function directives(policy: string): Record<string, string[]> {
  return Object.fromEntries(policy.split("; ").map((directive) => [directive.split(" ")[0], directive.split(" ").slice(1)]));
}

describe("page security headers", () => {
  it("allows scripts only with the request's nonce, and frames and form posts only from the app", () => {
    const headers = pageSecurityHeaders({ pathname: "/tasks", nonce: "abc123==", extraMturkOrigins: [] });
    expect(directives(headers["Content-Security-Policy"])).toEqual({
      "default-src": ["'self'"],
      "script-src": ["'self'", "'nonce-abc123=='", "'strict-dynamic'"],
      "style-src": ["'self'", "'nonce-abc123=='"],
      "style-src-attr": ["'unsafe-inline'"],
      "img-src": ["'self'", "data:"],
      "font-src": ["'self'"],
      "connect-src": ["'self'"],
      "object-src": ["'none'"],
      "base-uri": ["'self'"],
      "form-action": ["'self'"],
      "frame-ancestors": ["'self'"],
    });
    expect(headers["X-Frame-Options"]).toBe("SAMEORIGIN");
    expect(headers["Referrer-Policy"]).toBe("strict-origin-when-cross-origin");
  });

  it("lets MTurk frame study pages and receive their completion form, with no X-Frame-Options", () => {
    const headers = pageSecurityHeaders({ pathname: "/study/s1/mturk", nonce: "n", extraMturkOrigins: ["http://127.0.0.1", "https://stand-in.test:8443"] });
    const mturk = ["https://worker.mturk.com", "https://www.mturk.com", "https://workersandbox.mturk.com", "http://127.0.0.1:*", "https://stand-in.test:8443"];
    const policy = directives(headers["Content-Security-Policy"]);
    expect(policy["frame-ancestors"]).toEqual(["'self'", ...mturk]);
    expect(policy["form-action"]).toEqual(["'self'", ...mturk]);
    expect(headers).not.toHaveProperty("X-Frame-Options");
  });

  it("never names the MTURK_SUBMIT_HOSTS origins outside study pages", () => {
    const policy = contentSecurityPolicy({ nonce: "n", studyPage: false, extraMturkOrigins: ["http://127.0.0.1"], dev: false });
    expect(policy).not.toContain("127.0.0.1");
    expect(policy).not.toContain("mturk");
  });

  it("allows eval and inline styles only on the development server", () => {
    const policy = directives(contentSecurityPolicy({ nonce: "n", studyPage: false, extraMturkOrigins: [], dev: true }));
    expect(policy["script-src"]).toEqual(["'self'", "'nonce-n'", "'strict-dynamic'", "'unsafe-eval'"]);
    expect(policy["style-src"]).toEqual(["'self'", "'unsafe-inline'"]);
  });

  it("tells study paths apart", () => {
    expect(["/study", "/study/abc", "/study/abc/preview"].map(isStudyPath)).toEqual([true, true, true]);
    expect(["/studies", "/admin/studies", "/"].map(isStudyPath)).toEqual([false, false, false]);
  });

  it("writes an origin without a port as any port of that host", () => {
    expect(originSource("http://127.0.0.1")).toBe("http://127.0.0.1:*");
    expect(originSource("http://127.0.0.1:4100")).toBe("http://127.0.0.1:4100");
  });

  it("makes a new 128-bit nonce each time", () => {
    const nonces = new Set(Array.from({ length: 100 }, createNonce));
    expect(nonces.size).toBe(100);
    for (const nonce of nonces) expect(Buffer.from(nonce, "base64")).toHaveLength(16);
  });
});
