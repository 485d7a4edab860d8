import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import { LIVE_STATUSES } from '../investments/lifecycle';

/**
 * Investors with a live investment in the deal resident in `country` (declared residence, else
 * the profile's country), other than `userId`, and whether `userId` is one; only those no check
 * found accredited at the sale when nonAccreditedOnly.
 */
export async function purchasersInCountry(t: TenantTx, dealId: string, country: string, userId: string, nonAccreditedOnly: boolean): Promise<{ others: number; self: boolean }> {
  const buyers = t.tx
    .selectFrom('investments as i')
    .leftJoin('compliance_checks as c', (j) => j.onRef('c.tenant_id', '=', 'i.tenant_id').onRef('c.investment_id', '=', 'i.id'))
    .leftJoin('investor_declarations as d', (j) => j.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.user_id', '=', 'i.investor_id'))
    .leftJoin('profiles as p', (j) => j.onRef('p.tenant_id', '=', 'i.tenant_id').onRef('p.user_id', '=', 'i.investor_id'))
    .select(['i.investor_id', sql<boolean>`coalesce(bool_or(c.investor_accredited), false)`.as('accredited')])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.deal_id', '=', dealId)
    .where('i.status', 'in', LIVE_STATUSES)
    .where(sql<boolean>`coalesce(d.residence_country, trim(p.country)) = ${country}`)
    .groupBy('i.investor_id');
  const r = await t.tx
    .selectFrom(buyers.as('b'))
    .select([
      sql<number>`(count(*) filter (where b.investor_id <> ${userId} and (not ${nonAccreditedOnly} or not b.accredited)))::int`.as('others'),
      sql<boolean>`coalesce(bool_or(b.investor_id = ${userId} and (not ${nonAccreditedOnly} or not b.accredited)), false)`.as('self'),
    ])
    .executeTakeFirstOrThrow();
  return { others: r.others, self: r.self };
}
