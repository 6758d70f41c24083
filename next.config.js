// Security headers of every response but the pages' own (proxy.ts gives pages a per-request
// Content-Security-Policy, Referrer-Policy and X-Frame-Options, lib/security/page-headers.ts).
const EVERY_RESPONSE = [{ key: "X-Content-Type-Options", value: "nosniff" }];
// `next start` does not speak TLS: an HTTPS request arrives through a proxy that says so in X-Forwarded-Proto
// (its first entry is what the browser used). A forged header does no harm: browsers ignore
// Strict-Transport-Security received over plain HTTP. Not includeSubDomains: other hosts of the domain
// are not this app's to decide.
const OVER_TLS = { type: "header", key: "x-forwarded-proto", value: "https(?:\\s*,.*)?" };
const HSTS = [{ key: "Strict-Transport-Security", value: "max-age=31536000" }];
// The JSON API, files and event streams: nothing in them may run, load or be framed.
const API = [
  { key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
];
// Auth.js's own pages (sign-out, errors) style themselves with a <style> element and post to themselves.
const AUTH_PAGES = [
  {
    key: "Content-Security-Policy",
    value: "default-src 'none'; style-src 'unsafe-inline'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
  },
];

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Tests and benchmarks build into their own folder, so running them never replaces the build a
  // running `npm start` is serving. Read directly: this plain JS file cannot import lib/env.ts,
  // which validates the same variable when the server starts.
  distDir: process.env.PREFLAB_BUILD_DIR || ".next",
  // The database driver and the Prisma adapter stay plain Node modules, not bundled.
  serverExternalPackages: ["pg", "pg-cursor", "@prisma/adapter-pg", "pg-boss"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 status for signed-in users without the role.
    authInterrupts: true,
  },
  poweredByHeader: false,
  async headers() {
    // A later entry's header replaces an earlier one's for the same path.
    return [
      { source: "/:path*", headers: EVERY_RESPONSE },
      { source: "/:path*", has: [OVER_TLS], headers: HSTS },
      { source: "/api/:path*", headers: API },
      { source: "/api/auth/:path*", headers: AUTH_PAGES },
    ];
  },
};

module.exports = nextConfig;
