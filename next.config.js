/** @type {import('next').NextConfig} */
const nextConfig = {
  // The database driver and the Prisma adapter stay plain Node modules, not bundled.
  serverExternalPackages: ["pg", "pg-cursor", "@prisma/adapter-pg"],
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 status for signed-in users without the role.
    authInterrupts: true,
  },
  poweredByHeader: false,
};

module.exports = nextConfig;
