import { describe, expect, it } from 'vitest';
import { forgetDealTotals, rememberedTotal, rememberTotal } from './listing-totals';

describe('remembered listing totals', () => {
  it('serves a total per tenant and filter until the tenant’s deals change', () => {
    rememberTotal('t1', 'f', 42);
    rememberTotal('t2', 'f', 7);
    expect(rememberedTotal('t1', 'f')).toBe(42);
    expect(rememberedTotal('t1', 'other')).toBeUndefined();
    forgetDealTotals('t1');
    expect(rememberedTotal('t1', 'f')).toBeUndefined();
    expect(rememberedTotal('t2', 'f')).toBe(7);
  });
});
