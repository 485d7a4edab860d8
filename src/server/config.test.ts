import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from './config';

const production = {
  APP_ENV: 'production',
  DATABASE_URL: 'postgres://owner@db.internal:5432/cdp',
  APP_DB_PASSWORD: 'a-real-app-password',
  JWT_KEYS: 'k1:c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0',
  DATA_ENCRYPTION_KEY: 'MDEyMzQ1Njc4OWFiY2RlZjAxMjM0NTY3ODlhYmNkZWY',
  SMTP_URL: 'smtp://mailer:secret@smtp.internal:587',
};

const refusal = (env: Record<string, string>) => {
  try {
    parseConfig(env);
  } catch (e) {
    expect(e).toBeInstanceOf(ConfigError);
    return (e as Error).message;
  }
  throw new Error('expected a ConfigError');
};

describe('configuration', () => {
  it('a production start names every missing secret, DATA_ENCRYPTION_KEY included', () => {
    expect(parseConfig(production).APP_ENV).toBe('production');
    const { DATA_ENCRYPTION_KEY: _, ...withoutKey } = production;
    expect(refusal(withoutKey)).toContain('DATA_ENCRYPTION_KEY: DATA_ENCRYPTION_KEY is required when APP_ENV=production');
    expect(refusal({ APP_ENV: 'production' })).toMatch(/JWT_KEYS[\s\S]*DATABASE_URL[\s\S]*DATA_ENCRYPTION_KEY[\s\S]*APP_DB_PASSWORD/);
  });

  it('a production start needs a mail transport: SMTP or Resend, never the dev inbox', () => {
    const { SMTP_URL: _, ...withoutMail } = production;
    expect(refusal(withoutMail)).toContain('SMTP_URL: SMTP_URL or RESEND_API_KEY is required when APP_ENV=production');
    expect(parseConfig({ ...withoutMail, RESEND_API_KEY: 're_live_key' }).RESEND_API_KEY).toBe('re_live_key');
  });

  it('a production start with a chain (RPC_URL) needs every server signer key; locally they default to anvil accounts', () => {
    const onChain = { ...production, RPC_URL: 'https://rpc.example.com' };
    const msg = refusal(onChain);
    for (const k of ['CHAIN_PLATFORM_ADMIN_KEY', 'CHAIN_OPERATOR_KEY', 'CHAIN_TENANT_ADMIN_KEY', 'CHAIN_COMPLIANCE_SIGNER_KEY'])
      expect(msg).toContain(`${k}: ${k} is required when APP_ENV=production and a chain is enabled (RPC_URL)`);
    const key = `0x${'ab'.repeat(32)}`;
    expect(parseConfig({ ...onChain, CHAIN_PLATFORM_ADMIN_KEY: key, CHAIN_OPERATOR_KEY: key, CHAIN_TENANT_ADMIN_KEY: key, CHAIN_COMPLIANCE_SIGNER_KEY: key }).CHAIN_OPERATOR_KEY).toBe(key);
    expect(refusal({ CHAIN_OPERATOR_KEY: '0x1234' })).toContain('CHAIN_OPERATOR_KEY: must be a 0x-prefixed 32-byte hex private key');
    // The refusal names the variables, never a key's value.
    expect(refusal({ CHAIN_OPERATOR_KEY: `0x${'cd'.repeat(31)}` })).not.toContain('cd'.repeat(31));
    expect(parseConfig({ RPC_URL: 'http://127.0.0.1:8545' }).CHAIN_OPERATOR_KEY).toBeUndefined();
  });

  it('trusted proxies: hops from 1 to 10, CIDRs as a comma-separated list, anything else named', () => {
    const c = parseConfig({ TRUST_PROXY: 'true', TRUSTED_PROXY_HOPS: '2', TRUSTED_PROXY_CIDRS: '10.0.0.0/8, fd00::/8 ,192.0.2.1' });
    expect(c.TRUSTED_PROXY_HOPS).toBe(2);
    expect(c.TRUSTED_PROXY_CIDRS).toEqual(['10.0.0.0/8', 'fd00::/8', '192.0.2.1']);
    expect(parseConfig({}).TRUSTED_PROXY_CIDRS).toEqual([]);
    expect(refusal({ TRUSTED_PROXY_CIDRS: '10.0.0.0/8,proxy.internal' })).toContain('TRUSTED_PROXY_CIDRS');
    expect(refusal({ TRUSTED_PROXY_HOPS: '0' })).toContain('TRUSTED_PROXY_HOPS');
  });
});
