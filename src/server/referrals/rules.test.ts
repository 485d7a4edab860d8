import { describe, expect, it } from 'vitest';
import { insideWindow } from './attribution-cookie';
import { mailbox } from './attribution';
import { rewardFor } from './rewards';
import { createLinkInput, referralSettingsInput } from './schema';

// The pure rules behind referrals: landing targets that cannot leave the tenant's host, reward
// arithmetic in integers, one mailbox however it is spelled, and the window's last instant.

const target = (t: string) => createLinkInput.safeParse({ campaign: 'c', target: t });

describe('landing targets stay on the tenant’s host', () => {
  it.each(['/', '/deals', '/deals/solar-farm?tab=faq#terms', '/groups/alpha-circle'])('accepts %s', (t) => expect(target(t).success).toBe(true));
  it.each(['https://evil.example', 'http:/evil.example', '//evil.example', '/\\evil.example', '\\\\evil.example', 'javascript:alert(1)', 'data:text/html,x', 'deals', ' //evil.example', '/a b', '/api/auth/logout', '/r/other', '/deals\t//x'])(
    'refuses %s',
    (t) => expect(target(t).success).toBe(false),
  );
});

describe('rewards', () => {
  const rule = (r: Partial<Parameters<typeof rewardFor>[0]>) => ({ reward_kind: 'none' as const, reward_amount: null, reward_bps: null, reward_cap: null, ...r });
  it('pays basis points of the amount, rounded down, in integers beyond 2^53', () => {
    expect(rewardFor(rule({ reward_kind: 'bps', reward_bps: 250 }), 1_999n)).toBe(49n);
    expect(rewardFor(rule({ reward_kind: 'bps', reward_bps: 1 }), 10n ** 30n)).toBe(10n ** 26n);
  });
  it('pays a fixed amount, and never more than the cap', () => {
    expect(rewardFor(rule({ reward_kind: 'fixed', reward_amount: '2500' }), 1n)).toBe(2500n);
    expect(rewardFor(rule({ reward_kind: 'fixed', reward_amount: '2500', reward_cap: '1000' }), 1n)).toBe(1000n);
    expect(rewardFor(rule({ reward_kind: 'bps', reward_bps: 10_000, reward_cap: '7' }), 100n)).toBe(7n);
  });
  it('pays nothing without a rule', () => expect(rewardFor(rule({}), 100n)).toBe(0n));
  it('refuses a rule that does not say how much, or says it as a fraction', () => {
    expect(referralSettingsInput.safeParse({ attributionWindowDays: 30, rewardKind: 'bps', rewardScope: 'first' }).success).toBe(false);
    expect(referralSettingsInput.safeParse({ attributionWindowDays: 30, rewardKind: 'fixed', rewardAmount: '0.5', rewardScope: 'first' }).success).toBe(false);
    expect(referralSettingsInput.safeParse({ attributionWindowDays: 0, rewardKind: 'none', rewardScope: 'first' }).success).toBe(false);
  });
});

describe('one mailbox, one window', () => {
  it('ignores case and a +tag', () => {
    expect(mailbox('Ada.Lovelace+promo@Example.COM')).toBe(mailbox('ada.lovelace@example.com'));
    expect(mailbox('ada@example.com')).not.toBe(mailbox('ada@example.org'));
  });
  it('includes the window’s last instant and nothing after it', () => {
    const now = new Date('2026-03-31T12:00:00Z');
    expect(insideWindow(new Date(now.getTime() - 30 * 86_400_000), 30, now)).toBe(true);
    expect(insideWindow(new Date(now.getTime() - 30 * 86_400_000 - 1), 30, now)).toBe(false);
  });
});
