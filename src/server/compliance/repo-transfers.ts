import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import { LIVE_STATUSES } from '../investments/lifecycle';

/**
 * The seller's holding in a deal as the transfer gates see it: when it was first acquired (the
 * earliest live investment, and the earliest fully paid one), and whether any of it was bought
 * in the Regulation S tranche (the compliance check that let it through passed the reg_s rule).
 */
export async function holdingOf(t: TenantTx, dealId: string, userId: string) {
  return t.tx
    .selectFrom('investments as i')
    .leftJoin('compliance_checks as c', (j) => j.onRef('c.tenant_id', '=', 'i.tenant_id').onRef('c.investment_id', '=', 'i.id'))
    .select([
      sql<Date | null>`min(i.created_at)`.as('acquired_at'),
      sql<Date | null>`min(i.confirmed_at)`.as('paid_at'),
      sql<boolean>`coalesce(bool_or(exists (select from jsonb_array_elements(c.rules) r where r->>'rule' = 'reg_s' and r->>'outcome' = 'pass')), false)`.as('under_reg_s'),
    ])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.deal_id', '=', dealId)
    .where('i.investor_id', '=', userId)
    .where('i.status', 'in', LIVE_STATUSES)
    .executeTakeFirstOrThrow();
}
