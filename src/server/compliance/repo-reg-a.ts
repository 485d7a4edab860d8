import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import { LIVE_STATUSES } from '../investments/lifecycle';

/** The issuer's live sales since `since` in its deals offered under the Regulation A tier, per currency (230.251(a)). */
export function issuerRegASales(t: TenantTx, issuerId: string, tier: 'reg_a_tier1' | 'reg_a_tier2', since: Date) {
  return t.tx
    .selectFrom('investments as i')
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.id', '=', 'i.deal_id'))
    .select(['i.currency', 'i.currency_decimals', sql<string>`sum(i.amount)`.as('amount')])
    .where('i.tenant_id', '=', t.tenantId)
    .where('d.issuer_id', '=', issuerId)
    .where(sql<boolean>`coalesce(d.compliance->'regimes', '[]'::jsonb) ? ${tier}`)
    .where('i.status', 'in', LIVE_STATUSES)
    .where('i.created_at', '>', since)
    .groupBy(['i.currency', 'i.currency_decimals'])
    .execute();
}

/** The investor's live investments in one deal, per currency (230.251(d)(2)(i)(C) counts the purchase price in the offering). */
export function investorInDeal(t: TenantTx, dealId: string, userId: string) {
  return t.tx
    .selectFrom('investments')
    .select(['currency', 'currency_decimals', sql<string>`sum(amount)`.as('amount')])
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .where('investor_id', '=', userId)
    .where('status', 'in', LIVE_STATUSES)
    .groupBy(['currency', 'currency_decimals'])
    .execute();
}
