import { describe, expect, it } from 'vitest';
import { forgetDealListings, rememberedListing, rememberedTotal, rememberTotal, type ListingPage } from './listing-cache';

const page = (id: string): ListingPage<{ id: string }> => ({ deals: [{ id }], total: 1, hasMore: false });

function counter(id: () => string) {
  const c = { loads: 0, load: async () => (c.loads++, page(id())) };
  return c;
}

describe('remembered deal listings', () => {
  it('remembers a total per tenant and filter until the tenant’s deals change', () => {
    rememberTotal('t1', 'f', 42);
    rememberTotal('t2', 'f', 7);
    expect(rememberedTotal('t1', 'f')).toBe(42);
    expect(rememberedTotal('t1', 'other')).toBeUndefined();
    forgetDealListings('t1');
    expect(rememberedTotal('t1', 'f')).toBeUndefined();
    expect(rememberedTotal('t2', 'f')).toBe(7);
  });

  it('loads a page once for concurrent requests and serves it while fresh, per tenant and key', async () => {
    const c = counter(() => 'a');
    const now = 1_000_000;
    const pages = await Promise.all(Array.from({ length: 20 }, () => rememberedListing('s1', 'k', c.load, now)));
    expect(c.loads).toBe(1);
    expect(pages.every((p) => p.deals[0]!.id === 'a')).toBe(true);
    await rememberedListing('s1', 'k', c.load, now + 900);
    expect(c.loads).toBe(1);
    await rememberedListing('s1', 'other', c.load, now);
    await rememberedListing('s2', 'k', c.load, now);
    expect(c.loads).toBe(3);
  });

  it('serves a stale page at once while one background load replaces it, and reloads an expired one before answering', async () => {
    let version = 'v1';
    const c = counter(() => version);
    const t0 = Date.now();
    await rememberedListing('s3', 'k', c.load, t0);
    version = 'v2';
    const stale = await Promise.all([rememberedListing('s3', 'k', c.load, t0 + 1_500), rememberedListing('s3', 'k', c.load, t0 + 1_600)]);
    expect(stale.map((p) => p.deals[0]!.id)).toEqual(['v1', 'v1']);
    await new Promise((r) => setTimeout(r, 0));
    expect(c.loads).toBe(2);
    expect((await rememberedListing('s3', 'k', c.load, Date.now())).deals[0]!.id).toBe('v2');
    version = 'v3';
    expect((await rememberedListing('s3', 'k', c.load, Date.now() + 10_000)).deals[0]!.id).toBe('v3');
  });

  it('forgets a tenant’s pages on a change, and a load that began before the change stores nothing', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    let loads = 0;
    const slow = async () => {
      loads++;
      await gate;
      return page('before-change');
    };
    const pending = rememberedListing('s4', 'k', slow);
    forgetDealListings('s4');
    release();
    expect((await pending).deals[0]!.id).toBe('before-change');
    const fresh = await rememberedListing('s4', 'k', async () => page('after-change'));
    expect(fresh.deals[0]!.id).toBe('after-change');
    expect(loads).toBe(1);
  });
});
