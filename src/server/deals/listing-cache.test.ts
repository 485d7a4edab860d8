import { describe, expect, it } from 'vitest';
import { forgetDealListings, rememberedPage, rememberedTotal, rememberPage, rememberTotal } from './listing-cache';

describe('remembered deal listings', () => {
  it('serves a total and a page per tenant and query until the tenant’s deals change', () => {
    rememberTotal('t1', 'f', 42);
    rememberTotal('t2', 'f', 7);
    rememberPage('t1', 'f|20|0', { deals: [{ id: 'a' }], total: 42, hasMore: true });
    rememberPage('t2', 'f|20|0', { deals: [], total: 7, hasMore: false });
    expect(rememberedTotal('t1', 'f')).toBe(42);
    expect(rememberedTotal('t1', 'other')).toBeUndefined();
    expect(rememberedPage('t1', 'f|20|0')?.deals).toEqual([{ id: 'a' }]);
    expect(rememberedPage('t1', 'f|20|20')).toBeUndefined();
    forgetDealListings('t1');
    expect(rememberedTotal('t1', 'f')).toBeUndefined();
    expect(rememberedPage('t1', 'f|20|0')).toBeUndefined();
    expect(rememberedTotal('t2', 'f')).toBe(7);
    expect(rememberedPage('t2', 'f|20|0')?.total).toBe(7);
  });
});
