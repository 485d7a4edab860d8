import { describe, expect, it } from 'vitest';
import { countNonAccredited, countWithBuyer, type CountingDeclaration } from './purchaser-count-501e';

const decls = (entries: [string, CountingDeclaration][]) => new Map(entries);
const household = (countedWith: string): CountingDeclaration => ({ kind: 'household_member', countedWith, nonAccreditedOwners: null });

describe('230.501(e) counting', () => {
  it('excludes accredited investors and the relatives sharing their home; counts a relative with a non-accredited purchaser once', () => {
    const buyers = [{ id: 'p', accredited: false }, { id: 'x', accredited: false }, { id: 'a', accredited: true }, { id: 'y', accredited: false }];
    expect(countNonAccredited(buyers, new Map())).toBe(3);
    expect(countNonAccredited(buyers, decls([['x', household('p')], ['y', household('a')]]))).toBe(1);
  });

  it('counts a linked investor alone while the purchaser they live with has not bought, and adds nothing once they have', () => {
    const d = decls([['x', household('p')]]);
    expect(countWithBuyer([{ id: 'x', accredited: false }], d, 'p')).toEqual({ count: 1, added: 0 });
    expect(countWithBuyer([], d, 'x')).toEqual({ count: 0, added: 1 });
  });

  it('counts each non-accredited owner of an entity formed to invest', () => {
    const d = decls([['spv', { kind: 'formed_to_invest', countedWith: null, nonAccreditedOwners: 4 }]]);
    expect(countWithBuyer([{ id: 'p', accredited: false }], d, 'spv')).toEqual({ count: 1, added: 4 });
    expect(countWithBuyer([{ id: 'spv', accredited: false }], d, 'spv')).toEqual({ count: 4, added: 0 });
  });
});
