import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { Config } from '../config';
import type { TenantTx } from '../db/tenant';
import { AppError } from '../errors';
import { findTenantCredentials, upsertTenantCredentials } from './repo';
import type { WebhookProviderName } from './providers/types';
import { SHUFTI_DEFAULT_BASE_URL, type ShuftiCredentials } from './providers/shuftipro';
import { SUMSUB_DEFAULT_BASE_URL, type SumsubCredentials } from './providers/sumsub';

// A tenant may bring its own provider account. Its secrets are sealed with AES-256-GCM under
// DATA_ENCRYPTION_KEY; the tenant id and provider are the associated data, so a sealed value
// copied into another tenant's row (or another provider's) does not open.

export class EncryptionKeyMissing extends AppError {
  constructor() {
    super(503, 'encryption_key_missing', 'DATA_ENCRYPTION_KEY is not configured; KYC secrets and documents cannot be stored');
  }
}

/** DATA_ENCRYPTION_KEY: 32 bytes in base64 or base64url. */
export function dataEncryptionKey(config: Pick<Config, 'DATA_ENCRYPTION_KEY'>): Buffer {
  if (!config.DATA_ENCRYPTION_KEY) throw new EncryptionKeyMissing();
  const key = Buffer.from(config.DATA_ENCRYPTION_KEY, 'base64url');
  if (key.length !== 32) throw new AppError(500, 'encryption_key_invalid', 'DATA_ENCRYPTION_KEY must be 32 bytes in base64');
  return key;
}

const VERSION = 'v1';

export function sealSecret(plaintext: string, key: Uint8Array, aad: string): string {
  const iv = randomBytes(12);
  const c = createCipheriv('aes-256-gcm', key, iv);
  c.setAAD(Buffer.from(`${VERSION}|${aad}`));
  const body = Buffer.concat([c.update(plaintext, 'utf8'), c.final()]);
  return `${VERSION}.${Buffer.concat([iv, body, c.getAuthTag()]).toString('base64url')}`;
}

export function openSecret(sealed: string, key: Uint8Array, aad: string): string {
  const [version, data] = sealed.split('.', 2);
  if (version !== VERSION || !data) throw new AppError(500, 'credentials_unreadable', 'Stored KYC credentials have an unknown format');
  const raw = Buffer.from(data, 'base64url');
  if (raw.length < 12 + 16) throw new AppError(500, 'credentials_unreadable', 'Stored KYC credentials are truncated');
  const d = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  d.setAAD(Buffer.from(`${VERSION}|${aad}`));
  d.setAuthTag(raw.subarray(raw.length - 16));
  try {
    return Buffer.concat([d.update(raw.subarray(12, raw.length - 16)), d.final()]).toString('utf8');
  } catch {
    throw new AppError(500, 'credentials_unreadable', 'Stored KYC credentials do not decrypt with DATA_ENCRYPTION_KEY');
  }
}

export const sumsubSecretsInput = z.strictObject({
  appToken: z.string().min(1).max(500),
  secretKey: z.string().min(1).max(500),
  webhookSecret: z.string().min(1).max(500).nullish(),
});
export const shuftiSecretsInput = z.strictObject({
  clientId: z.string().min(1).max(500),
  secretKey: z.string().min(1).max(500),
});

const aadFor = (tenantId: string, provider: WebhookProviderName) => `tenant_kyc_credentials|${tenantId}|${provider}`;

export async function storeTenantCredentials(t: TenantTx, config: Config, provider: WebhookProviderName, secrets: unknown): Promise<void> {
  const parsed = provider === 'sumsub' ? sumsubSecretsInput.parse(secrets) : shuftiSecretsInput.parse(secrets);
  await upsertTenantCredentials(t, provider, sealSecret(JSON.stringify(parsed), dataEncryptionKey(config), aadFor(t.tenantId, provider)));
}

async function tenantSecrets(t: TenantTx, config: Config, provider: WebhookProviderName): Promise<unknown | null> {
  const row = await findTenantCredentials(t, provider);
  if (!row) return null;
  return JSON.parse(openSecret(row.encrypted_secret, dataEncryptionKey(config), aadFor(t.tenantId, provider)));
}

/**
 * The tenant's own credentials when it stored some (all of them: secrets of two accounts
 * are never mixed), else the platform's from the environment; null when neither exists.
 * Base URLs come from the environment only, so a tenant cannot point us at another host.
 */
export async function sumsubCredentials(t: TenantTx, config: Config): Promise<SumsubCredentials | null> {
  const baseUrl = config.SUMSUB_BASE_URL ?? SUMSUB_DEFAULT_BASE_URL;
  const own = await tenantSecrets(t, config, 'sumsub');
  if (own) {
    const s = sumsubSecretsInput.parse(own);
    return { appToken: s.appToken, secretKey: s.secretKey, webhookSecret: s.webhookSecret ?? null, baseUrl };
  }
  if (!config.SUMSUB_APP_TOKEN || !config.SUMSUB_SECRET_KEY) return config.SUMSUB_WEBHOOK_SECRET ? { appToken: '', secretKey: '', webhookSecret: config.SUMSUB_WEBHOOK_SECRET, baseUrl } : null;
  return { appToken: config.SUMSUB_APP_TOKEN, secretKey: config.SUMSUB_SECRET_KEY, webhookSecret: config.SUMSUB_WEBHOOK_SECRET ?? null, baseUrl };
}

export async function shuftiCredentials(t: TenantTx, config: Config): Promise<ShuftiCredentials | null> {
  const baseUrl = config.SHUFTI_BASE_URL ?? SHUFTI_DEFAULT_BASE_URL;
  const own = await tenantSecrets(t, config, 'shuftipro');
  if (own) {
    const s = shuftiSecretsInput.parse(own);
    return { clientId: s.clientId, secretKey: s.secretKey, baseUrl };
  }
  if (!config.SHUFTI_CLIENT_ID || !config.SHUFTI_SECRET_KEY) return null;
  return { clientId: config.SHUFTI_CLIENT_ID, secretKey: config.SHUFTI_SECRET_KEY, baseUrl };
}
