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

  it('trusted proxies: hops from 1 to 10, CIDRs as a comma-separated list, anything else named', () => {
    const c = parseConfig({ TRUST_PROXY: 'true', TRUSTED_PROXY_HOPS: '2', TRUSTED_PROXY_CIDRS: '10.0.0.0/8, fd00::/8 ,192.0.2.1' });
    expect(c.TRUSTED_PROXY_HOPS).toBe(2);
    expect(c.TRUSTED_PROXY_CIDRS).toEqual(['10.0.0.0/8', 'fd00::/8', '192.0.2.1']);
    expect(parseConfig({}).TRUSTED_PROXY_CIDRS).toEqual([]);
    expect(refusal({ TRUSTED_PROXY_CIDRS: '10.0.0.0/8,proxy.internal' })).toContain('TRUSTED_PROXY_CIDRS');
    expect(refusal({ TRUSTED_PROXY_HOPS: '0' })).toContain('TRUSTED_PROXY_HOPS');
  });
});
