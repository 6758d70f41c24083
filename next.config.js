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
};

module.exports = nextConfig;
