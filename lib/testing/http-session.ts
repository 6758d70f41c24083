// A cookie-keeping HTTP client for scripts that use the app as a browser would: CSRF token, the
// credentials callback, then requests with the session cookie.
export class HttpSession {
  private readonly cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  async get(pathname: string): Promise<Response> {
    return this.request(pathname, { method: "GET" });
  }

  async request(pathname: string, init: RequestInit): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.cookies.size > 0) headers.set("cookie", [...this.cookies].map(([name, value]) => `${name}=${value}`).join("; "));
    const response = await fetch(`${this.baseUrl}${pathname}`, { ...init, headers, redirect: "manual" });
    for (const cookie of response.headers.getSetCookie()) {
      const [pair] = cookie.split(";");
      const separator = pair.indexOf("=");
      this.cookies.set(pair.slice(0, separator), pair.slice(separator + 1));
    }
    return response;
  }

  /** A session with the same cookies for another address: another process of the same app. */
  at(baseUrl: string): HttpSession {
    const other = new HttpSession(baseUrl);
    for (const [name, value] of this.cookies) other.cookies.set(name, value);
    return other;
  }

  /** Auth.js's credentials sign-in, as the sign-in form posts it. */
  async signIn(user: { email: string; password: string }): Promise<void> {
    const { csrfToken } = (await (await this.get("/api/auth/csrf")).json()) as { csrfToken: string };
    const form = new URLSearchParams({ csrfToken, email: user.email, password: user.password, callbackUrl: "/" });
    const response = await this.request("/api/auth/callback/credentials", { method: "POST", body: form });
    const location = response.headers.get("location") ?? "";
    if (response.status !== 302 || location.includes("error=")) throw new Error(`sign-in as ${user.email} failed: ${response.status} ${location}`);
  }
}
