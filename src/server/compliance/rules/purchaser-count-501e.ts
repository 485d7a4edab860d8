// Rule 501(e) (17 CFR 230.501(e)): how the non-accredited purchasers of Rule 506(b) are counted.
// Pure: the purchasers (with their status at the sale) and the declarations in, the count out.

export type CountingDeclaration = {
  kind: 'household_member' | 'controlled_entity' | 'formed_to_invest';
  /** household_member / controlled_entity: the purchaser they count as one with. */
  countedWith: string | null;
  /** formed_to_invest: its non-accredited beneficial owners, each a purchaser. */
  nonAccreditedOwners: number | null;
};

export type Purchaser = { id: string; accredited: boolean };

/** How many purchasers one counted unit stands for: an entity formed to invest counts each non-accredited owner (501(e)(2)). */
const weightOf = (id: string, decls: ReadonlyMap<string, CountingDeclaration>) => {
  const d = decls.get(id);
  return d?.kind === 'formed_to_invest' ? Math.max(1, d.nonAccreditedOwners ?? 1) : 1;
};

/**
 * The number of non-accredited purchasers under 501(e):
 *  - accredited investors are not counted (501(e)(1)(iv));
 *  - a relative, spouse or relative of the spouse sharing a purchaser's primary residence (501(e)(1)(i), (ii)),
 *    and an entity more than 50% owned by a purchaser (501(e)(1)(iii)), count as one with that purchaser,
 *    and not at all when that purchaser is accredited; when that purchaser did not buy, they count alone;
 *  - an entity counts as one purchaser, unless organised to acquire the securities: then each of its
 *    non-accredited beneficial owners counts (501(e)(2)).
 */
export function countNonAccredited(purchasers: readonly Purchaser[], decls: ReadonlyMap<string, CountingDeclaration>): number {
  const accredited = new Map(purchasers.map((p) => [p.id, p.accredited]));
  const units = new Map<string, number>();
  for (const p of purchasers) {
    if (p.accredited) continue;
    const d = decls.get(p.id);
    let key = p.id;
    if (d && d.kind !== 'formed_to_invest' && d.countedWith && accredited.has(d.countedWith)) {
      if (accredited.get(d.countedWith)) continue;
      key = d.countedWith;
    }
    units.set(key, Math.max(units.get(key) ?? 0, weightOf(key, decls)));
  }
  let n = 0;
  for (const w of units.values()) n += w;
  return n;
}

/**
 * The count before a sale and what the sale by a (non-accredited) buyer adds: 0 when the buyer is
 * already counted, alone or as one with another purchaser.
 */
export function countWithBuyer(purchasers: readonly Purchaser[], decls: ReadonlyMap<string, CountingDeclaration>, buyerId: string): { count: number; added: number } {
  const count = countNonAccredited(purchasers, decls);
  const withBuyer = [...purchasers.filter((p) => p.id !== buyerId), { id: buyerId, accredited: false }];
  return { count, added: Math.max(0, countNonAccredited(withBuyer, decls) - count) };
}
