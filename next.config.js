// @ts-check
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` type-checks the whole project (tsc --noEmit); the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  // forbidden() and app/forbidden.tsx for pages a role may not see.
  // The proxy (proxy.ts) makes Next buffer request bodies, by default only their first 10 MB: an
  // upload up to the 20 MB report limit must reach the import action whole. Both limits are
  // MAX_REQUEST_BODY_BYTES of lib/ops/request-guard.ts, which refuses larger bodies with 413 first.
  experimental: {
    authInterrupts: true,
    serverActions: { bodySizeLimit: "25mb" },
    proxyClientMaxBodySize: "25mb",
  },
  serverExternalPackages: [
    "better-sqlite3",
    "@prisma/adapter-better-sqlite3",
    "pg",
    "@prisma/adapter-pg",
  ],
  async headers() {
    return [
      // Shared audit reports are public but must never be indexed.
      { source: "/share/:path*", headers: [{ key: "X-Robots-Tag", value: "noindex, nofollow" }] },
      // The Content-Security-Policy is set per request, with a nonce, by proxy.ts.
      {
        source: "/:path*",
        headers: [
          { key: "X-Frame-Options", value: "DENY" },
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

module.exports = nextConfig;
