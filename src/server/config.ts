import { z } from 'zod';
import { LOG_LEVELS } from './log';

// Every environment variable the server reads, validated once. A bad value stops
// start-up with a message naming the variable instead of failing later at random.
const optionalUrl = z.string().url().optional().or(z.literal('').transform(() => undefined));
const optionalString = z.string().optional().or(z.literal('').transform(() => undefined));
const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    // A real deployment, as opposed to a local run of the production build (npm start):
    // it demands real secrets and a real database, and sends Secure cookies and HSTS.
    APP_ENV: z.enum(['local', 'production']).default('local'),
    PORT: z.coerce.number().int().min(1).max(65535).default(3000),
    LOG_LEVEL: z.enum(LOG_LEVELS, { message: `LOG_LEVEL must be one of ${LOG_LEVELS.join(', ')}` }).default('info'),
    // json: one JSON object per line (log shippers); pretty: the same records as short lines (npm start's default).
    LOG_FORMAT: z.enum(['json', 'pretty'], { message: 'LOG_FORMAT must be json or pretty' }).default('json'),
    DATA_DIR: z.string().default('./data'),

    DATABASE_URL: optionalUrl,
    APP_DATABASE_URL: optionalUrl,
    // The caches' change feed (LISTEN) needs a session of its own: behind a transaction-mode
    // pooler (PgBouncer), point this at PostgreSQL itself. Default: the app's connection.
    LISTEN_DATABASE_URL: optionalUrl,
    APP_DB_PASSWORD: z.string().min(12, 'APP_DB_PASSWORD must be at least 12 characters').default('cdp-app-local-only'),
    EMBEDDED_PG_PORT: z.coerce.number().int().min(1024).max(65535).default(54329),
    DB_POOL_MAX: z.coerce.number().int().min(1).max(500).default(20),

    PLATFORM_BASE_DOMAIN: z
      .string()
      .regex(/^[a-z0-9.-]+$/i, 'PLATFORM_BASE_DOMAIN must be a host name without scheme or port')
      .default('localhost'),
    // The operator console's own host (port ignored); no tenant answers there. Default: admin.<PLATFORM_BASE_DOMAIN>.
    PLATFORM_HOST: z
      .string()
      .regex(/^[a-z0-9.-]+(:\d+)?$/i, 'PLATFORM_HOST must be a host name without scheme')
      .optional()
      .or(z.literal('').transform(() => undefined)),
    TRUST_PROXY: bool.default(false),
    // Behind TRUST_PROXY: how many proxies in front of the app append to X-Forwarded-For,
    // or (instead) the addresses/CIDRs of those proxies. The client is the rightmost
    // address they did not add (what Express's `trust proxy` does).
    TRUSTED_PROXY_HOPS: z.coerce.number().int().min(1).max(10).default(1),
    TRUSTED_PROXY_CIDRS: z
      .string()
      .optional()
      .transform((v) => (v ?? '').split(',').map((x) => x.trim()).filter(Boolean))
      .pipe(z.array(z.string().regex(/^[0-9a-f:.]+(\/\d{1,3})?$/i, 'TRUSTED_PROXY_CIDRS must be a comma-separated list of IP addresses or CIDRs'))),
    JWT_KEYS: optionalString,
    ACCESS_TOKEN_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
    REFRESH_TOKEN_TTL_DAYS: z.coerce.number().int().min(1).max(90).default(30),
    DATA_ENCRYPTION_KEY: optionalString,

    REDIS_URL: optionalUrl,

    RPC_URL: optionalUrl,
    NEXT_PUBLIC_CHAIN_ID: z.coerce.number().int().positive().default(31337),
    // Server signers (src/server/chain/signers.ts); never logged. On the local chain they default
    // to anvil's public development accounts. The operator and tenant-admin keys are roots: each
    // tenant signs with its own key derived from them, so one tenant's roles never act for another.
    CHAIN_PLATFORM_ADMIN_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x-prefixed 32-byte hex private key').optional().or(z.literal('').transform(() => undefined)),
    CHAIN_OPERATOR_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x-prefixed 32-byte hex private key').optional().or(z.literal('').transform(() => undefined)),
    CHAIN_TENANT_ADMIN_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x-prefixed 32-byte hex private key').optional().or(z.literal('').transform(() => undefined)),
    CHAIN_COMPLIANCE_SIGNER_KEY: z.string().regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x-prefixed 32-byte hex private key').optional().or(z.literal('').transform(() => undefined)),
    // Transaction manager: blocks without a receipt before a fee bump, and failed simulations before giving up.
    CHAIN_TX_STUCK_BLOCKS: z.coerce.number().int().min(1).max(1000).default(3),
    CHAIN_TX_MAX_FAILURES: z.coerce.number().int().min(1).max(100).default(5),
    // Chain indexer (src/server/chain/indexer): how often it polls a caught-up chain, blocks per
    // eth_getLogs batch, the lag (blocks behind the finalized head) past which health says degraded.
    INDEXER_POLL_MS: z.coerce.number().int().min(50).max(60_000).default(1000),
    INDEXER_DISCOVER_MS: z.coerce.number().int().min(1000).max(3_600_000).default(30_000),
    INDEXER_BATCH_BLOCKS: z.coerce.number().int().min(1).max(100_000).default(500),
    INDEXER_MAX_LAG_BLOCKS: z.coerce.number().int().min(1).max(1_000_000).default(50),
    // Tests only: a pause after each written event, so a crash test can kill a batch half-way.
    INDEXER_SLOW_MS: z.coerce.number().int().min(0).max(10_000).default(0),
    // HMAC-SHA256 secret of the node provider's POST /api/webhooks/blockchain; without it the webhook refuses everything.
    BLOCKCHAIN_WEBHOOK_SECRET: optionalString,

    SUMSUB_APP_TOKEN: optionalString,
    SUMSUB_SECRET_KEY: optionalString,
    SUMSUB_WEBHOOK_SECRET: optionalString,
    SUMSUB_BASE_URL: optionalUrl,
    SHUFTI_CLIENT_ID: optionalString,
    SHUFTI_SECRET_KEY: optionalString,
    SHUFTI_BASE_URL: optionalUrl,
    RESEND_API_KEY: optionalString,
    // Resend's webhook signing secret (whsec_...): delivery, bounce and complaint events update email_logs; without it the webhook refuses everything.
    RESEND_WEBHOOK_SECRET: optionalString,
    SMTP_URL: optionalUrl,
    RESEND_BASE_URL: z.string().url().default('https://api.resend.com'),
    MAIL_FROM: z.string().default('Community Deals <no-reply@localhost>'),
    // A mailer that serves some communities only (a dedicated sender for a large one): their tenant ids, comma-separated.
    // Empty: every tenant. The mail, notification, Telegram and webhook outboxes of other tenants are left to other mailers.
    MAILER_TENANT_IDS: z
      .string()
      .optional()
      .transform((v) => (v ? v.split(',').map((s) => s.trim()).filter(Boolean) : undefined))
      .refine((ids) => !ids || ids.every((id) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)), 'MAILER_TENANT_IDS must be tenant ids (uuids), comma-separated'),
    // The platform's bot: tenants without their own (admin settings) use it. Local runs only in practice:
    // one bot has one webhook, so it serves one tenant.
    TELEGRAM_BOT_TOKEN: optionalString,
    // The Bot API's address (tests point it at a fake server). From the environment only, never a tenant.
    TELEGRAM_API_ROOT: z.string().url().default('https://api.telegram.org'),
    // Outgoing webhooks may post to localhost and private addresses (the dev sink): only where APP_ENV=local.
    WEBHOOK_ALLOW_PRIVATE_URLS: bool.default(false),
    IPFS_API_KEY: optionalString,
    FRONTEND_URL: optionalUrl,
    API_URL: optionalUrl,
  })
  .superRefine((c, ctx) => {
    if (c.APP_ENV === 'production') {
      if (!c.JWT_KEYS) ctx.addIssue({ code: 'custom', path: ['JWT_KEYS'], message: 'JWT_KEYS is required when APP_ENV=production' });
      if (!c.DATABASE_URL) ctx.addIssue({ code: 'custom', path: ['DATABASE_URL'], message: 'DATABASE_URL is required when APP_ENV=production' });
      // KYC documents and provider secrets are sealed with it; without it those features fail later with 503.
      if (!c.DATA_ENCRYPTION_KEY) ctx.addIssue({ code: 'custom', path: ['DATA_ENCRYPTION_KEY'], message: 'DATA_ENCRYPTION_KEY is required when APP_ENV=production' });
      // Without a mail transport, verification and reset codes would land in a local folder nobody reads.
      if (!c.SMTP_URL && !c.RESEND_API_KEY) ctx.addIssue({ code: 'custom', path: ['SMTP_URL'], message: 'SMTP_URL or RESEND_API_KEY is required when APP_ENV=production' });
      if (c.RPC_URL)
        for (const k of ['CHAIN_PLATFORM_ADMIN_KEY', 'CHAIN_OPERATOR_KEY', 'CHAIN_TENANT_ADMIN_KEY', 'CHAIN_COMPLIANCE_SIGNER_KEY'] as const)
          if (!c[k]) ctx.addIssue({ code: 'custom', path: [k], message: `${k} is required when APP_ENV=production and a chain is enabled (RPC_URL)` });
      if (c.WEBHOOK_ALLOW_PRIVATE_URLS) ctx.addIssue({ code: 'custom', path: ['WEBHOOK_ALLOW_PRIVATE_URLS'], message: 'WEBHOOK_ALLOW_PRIVATE_URLS is for local runs only; it cannot be set when APP_ENV=production' });
      if (c.APP_DB_PASSWORD === 'cdp-app-local-only' && !c.APP_DATABASE_URL)
        ctx.addIssue({ code: 'custom', path: ['APP_DB_PASSWORD'], message: 'set APP_DB_PASSWORD (or APP_DATABASE_URL) when APP_ENV=production' });
    }
  });

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {}

export function parseConfig(env: Record<string, string | undefined>): Config {
  const result = configSchema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

let cached: Config | undefined;

export function getConfig(): Config {
  cached ??= parseConfig(process.env);
  return cached;
}

/** For tests that change the environment between cases. */
export function resetConfigCache(): void {
  cached = undefined;
}
