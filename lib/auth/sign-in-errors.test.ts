import { describe, expect, it } from "vitest";
import { rateLimitedSignInCode, rateLimitedSignInResponse, signInRateLimitedMessage, signInRetryAfter } from "@/lib/auth/sign-in-errors";

// Auth.js's CredentialsSignin, as far as these functions see it (next-auth itself loads only under Next.js).
class CredentialsSignin extends Error {
  code = "credentials";
}

describe("a sign-in refused by a rate limit", () => {
  it("carries its wait in the code Auth.js passes on, and a plain CredentialsSignin carries none", () => {
    const error = Object.assign(new CredentialsSignin(), { code: rateLimitedSignInCode(300) });
    expect(signInRetryAfter(error)).toBe(300);
    expect(signInRetryAfter(new CredentialsSignin())).toBeNull();
    expect(signInRetryAfter(new Error("rate_limited_300"))).toBeNull();
  });

  it("says how long to wait in minutes, or in seconds under a minute", () => {
    expect(signInRateLimitedMessage(300)).toBe("Too many attempts; try again in 5 minutes");
    expect(signInRateLimitedMessage(61)).toBe("Too many attempts; try again in 2 minutes");
    expect(signInRateLimitedMessage(60)).toBe("Too many attempts; try again in 1 minute");
    expect(signInRateLimitedMessage(1)).toBe("Too many attempts; try again in 1 second");
  });

  it("turns Auth.js's redirect into 429 with Retry-After, and leaves other answers alone", async () => {
    const redirect = (location: string) => new Response(null, { status: 302, headers: { location } });
    const limited = rateLimitedSignInResponse(redirect("http://localhost:3000/signin?error=CredentialsSignin&code=rate_limited_240"))!;
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("240");
    expect(await limited.json()).toEqual({ error: { code: "RATE_LIMITED", message: "Too many attempts; try again in 4 minutes", details: [] } });
    expect(rateLimitedSignInResponse(redirect("/signin?error=CredentialsSignin&code=credentials"))).toBeNull();
    expect(rateLimitedSignInResponse(redirect("http://localhost:3000/"))).toBeNull();
    expect(rateLimitedSignInResponse(new Response("{}"))).toBeNull();
  });
});
