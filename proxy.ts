// Each page gets a Content-Security-Policy with a fresh nonce (lib/security/page-headers.ts). Next finds the
// nonce in the request's policy and puts it on the scripts and styles it renders; route handlers that
// answer with HTML read it from x-nonce.
import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { createNonce, pageSecurityHeaders } from "@/lib/security/page-headers";

export function proxy(request: NextRequest) {
  const nonce = createNonce();
  const headers = pageSecurityHeaders({
    pathname: request.nextUrl.pathname,
    nonce,
    extraMturkOrigins: env().MTURK_SUBMIT_HOSTS,
    dev: process.env.NODE_ENV === "development",
  });
  const requestHeaders = new Headers(request.headers);
  requestHeaders.set("x-nonce", nonce);
  requestHeaders.set("content-security-policy", headers["Content-Security-Policy"]);
  const response = NextResponse.next({ request: { headers: requestHeaders } });
  for (const [name, value] of Object.entries(headers)) response.headers.set(name, value);
  return response;
}

export const config = {
  matcher: [
    {
      // Not /api: the proxy buffers a request's body to pass it on and cuts it at 10 MB, and imports upload
      // up to 1 GB; the API's headers come from next.config.js. Not built assets or public/ files either:
      // they run no script of their own.
      source: "/((?!api/|_next/static/|_next/image|favicon\\.ico|icon\\.svg|apple-touch-icon\\.png|robots\\.txt).*)",
      // Prefetches fetch data, not a document to protect: the page's navigation is rendered again.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
