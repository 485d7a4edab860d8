import { z } from 'zod';
import type { LimitSpec } from './limiter';

// The spec's request budgets per minute, per tenant and client; a tenant may set its own.
// 'unlimited' is for webhooks (providers retry and must never be refused) and health probes.
export type LimitClass = 'public' | 'authenticated' | 'admin' | 'unlimited';

const DEFAULT_PER_MINUTE = { public: 100, authenticated: 500, admin: 1000 } as const;

export const tenantLimitsSchema = z
  .object({
    public: z.number().int().min(1).max(1_000_000_000).optional(),
    authenticated: z.number().int().min(1).max(1_000_000_000).optional(),
    admin: z.number().int().min(1).max(1_000_000_000).optional(),
  })
  .strict();

/** null: this class is not limited. */
export function requestLimit(cls: LimitClass, tenantSettings: Record<string, unknown>): LimitSpec | null {
  if (cls === 'unlimited') return null;
  const parsed = tenantLimitsSchema.safeParse(tenantSettings.rateLimits ?? {});
  const perMinute = (parsed.success ? parsed.data[cls] : undefined) ?? DEFAULT_PER_MINUTE[cls];
  return { name: `req-${cls}`, points: perMinute, durationSeconds: 60 };
}

// Login throttling: failures per account and client address are tight; failures per
// account from anywhere are looser and lock only briefly, so nobody can lock a victim out
// for long by guessing at their email.
export const LOGIN_FAILURES_PER_ACCOUNT_AND_IP: LimitSpec = { name: 'login-acct-ip', points: 5, durationSeconds: 15 * 60 };
export const LOGIN_FAILURES_PER_IP: LimitSpec = { name: 'login-ip', points: 50, durationSeconds: 60 * 60 };
export const LOGIN_FAILURES_PER_ACCOUNT: LimitSpec = { name: 'login-acct', points: 20, durationSeconds: 15 * 60 };
// Wrong second-factor codes per account, across every sign-in: a TOTP code space of 10^6
// allows ten guesses an hour, after which the account's two-factor step is closed for the window.
export const MFA_FAILURES_PER_ACCOUNT: LimitSpec = { name: 'mfa-acct', points: 10, durationSeconds: 60 * 60 };
export const CODE_REQUESTS_PER_ACCOUNT: LimitSpec = { name: 'code-send', points: 5, durationSeconds: 60 * 60 };
