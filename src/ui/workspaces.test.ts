import { describe, expect, it } from 'vitest';
import type { Principal } from '@/server/auth/principal';
import { navFor } from './workspaces';

const member = { userId: 'u', roles: ['investor'], role: 'investor' } as unknown as Principal;
const admin = { userId: 'a', roles: ['tenant_admin', 'investor'], role: 'tenant_admin' } as unknown as Principal;
const hrefs = (items: { href: string }[]) => items.map((i) => i.href);
const off = { investmentGroups: false, staking: false, lending: false, socialFeatures: false, referrals: false };
const on = { investmentGroups: true, staking: true, lending: true, socialFeatures: true, referrals: true };

describe('the header links follow what the tenant offers', () => {
  it('shows only Deals (and the workspaces) when the tenant offers nothing else', () => {
    expect(hrefs(navFor(member, off))).toEqual(['/deals', '/portfolio']);
    expect(hrefs(navFor(null, off))).toEqual(['/deals']);
  });

  it('adds Groups, Staking, Lending, Community and Referrals each by its own feature', () => {
    expect(hrefs(navFor(member, on))).toEqual(['/deals', '/groups', '/staking', '/lending', '/feed', '/referrals', '/portfolio']);
    expect(hrefs(navFor(member, { ...off, socialFeatures: true }))).toEqual(['/deals', '/feed', '/portfolio']);
    expect(hrefs(navFor(member, { ...off, referrals: true }))).toEqual(['/deals', '/referrals', '/portfolio']);
    expect(hrefs(navFor(member, { ...off, staking: true }))).toEqual(['/deals', '/staking', '/portfolio']);
    expect(hrefs(navFor(member, { ...off, lending: true }))).toEqual(['/deals', '/lending', '/portfolio']);
    expect(hrefs(navFor(admin, { ...off, investmentGroups: true }))).toEqual(['/deals', '/groups', '/portfolio', '/admin']);
  });

  it('keeps the members-only pools out of a visitor’s header (Deals first, the link a phone shows)', () => {
    expect(hrefs(navFor(null, on))).toEqual(['/deals', '/groups']);
  });
});
