import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { DealStatus } from '../db/types';
import { reservedAmountOf } from '../deals/repo';

// Read models for issuers and tenant admins: aggregates over deals and investments.
// Every query names the tenant explicitly (RLS is the backstop, not the filter).

const RAISING_STATUSES: DealStatus[] = ['active', 'funded', 'closed', 'completed'];
const LIVE = ['pending_kyc', 'pending_payment', 'in_escrow', 'confirmed'] as const;

function dealsWithIssuer(t: TenantTx) {
  return t.tx
    .selectFrom('deals as d')
    .innerJoin('issuer_profiles as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.issuer_id', '=', 'd.issuer_id'))
    .innerJoin('issuers as i', (j) => j.onRef('i.tenant_id', '=', 'd.tenant_id').onRef('i.id', '=', 'd.issuer_id'))
    .where('d.tenant_id', '=', t.tenantId);
}

/** Deals in one status, oldest submission first (the review queue is first come, first served). */
export async function dealsByStatusOldestFirst(t: TenantTx, f: { status: DealStatus; limit: number; offset: number }) {
  const q = dealsWithIssuer(t).where('d.status', '=', f.status);
  const rows = q
    .selectAll('d')
    .select(['p.display_name as issuer_name', 'i.user_id as issuer_user_id', 'i.status as issuer_status', reservedAmountOf('d').as('reserved_amount')])
    .orderBy(sql`d.submitted_at asc nulls last`)
    .orderBy('d.created_at', 'asc')
    .orderBy('d.id', 'asc')
    .limit(f.limit)
    .offset(f.offset)
    .execute();
  const count = q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  const [r, c] = await Promise.all([rows, count]);
  return { rows: r, total: Number(c.n) };
}

/** Deals that raise money, most confirmed first (USD and USD stablecoins compare by major units). */
export async function topDealsByConfirmed(t: TenantTx, limit: number) {
  return dealsWithIssuer(t)
    .where('d.status', 'in', RAISING_STATUSES)
    .selectAll('d')
    .select(['p.display_name as issuer_name', 'i.user_id as issuer_user_id', reservedAmountOf('d').as('reserved_amount')])
    .orderBy(sql`d.confirmed_amount / power(10::numeric, d.currency_decimals)`, 'desc')
    .orderBy('d.created_at', 'asc')
    .orderBy('d.id', 'asc')
    .limit(limit)
    .execute();
}

export async function countDealsByStatus(t: TenantTx) {
  return t.tx
    .selectFrom('deals')
    .select(['status', sql<number>`count(*)::int`.as('n')])
    .where('tenant_id', '=', t.tenantId)
    .groupBy('status')
    .execute();
}

export async function investmentTotalsByStatus(t: TenantTx) {
  return t.tx
    .selectFrom('investments')
    .select(['status', 'currency', 'currency_decimals', sql<number>`count(*)::int`.as('n'), sql<string>`sum(amount)`.as('amount')])
    .where('tenant_id', '=', t.tenantId)
    .groupBy(['status', 'currency', 'currency_decimals'])
    .execute();
}

/** People with at least one live investment. */
export async function countInvestors(t: TenantTx): Promise<number> {
  const r = await t.tx
    .selectFrom('investments')
    .select(sql<number>`count(distinct investor_id)::int`.as('n'))
    .where('tenant_id', '=', t.tenantId)
    .where('status', 'in', LIVE)
    .executeTakeFirstOrThrow();
  return r.n;
}

/**
 * Per UTC day and currency since `since`: money raised (confirmed that day, still confirmed)
 * and money committed (investments made that day and still live). Days without activity are absent.
 */
export async function moneyPerDay(t: TenantTx, since: Date) {
  const raised = t.tx
    .selectFrom('investments')
    .select([
      'currency',
      'currency_decimals',
      sql<string>`to_char(confirmed_at at time zone 'UTC', 'YYYY-MM-DD')`.as('day'),
      'amount as raised',
      sql<string>`0::numeric`.as('committed'),
      sql<number>`0`.as('n'),
    ])
    .where('tenant_id', '=', t.tenantId)
    .where('status', '=', 'confirmed')
    .where('confirmed_at', '>=', since);
  const committed = t.tx
    .selectFrom('investments')
    .select([
      'currency',
      'currency_decimals',
      sql<string>`to_char(created_at at time zone 'UTC', 'YYYY-MM-DD')`.as('day'),
      sql<string>`0::numeric`.as('raised'),
      'amount as committed',
      sql<number>`1`.as('n'),
    ])
    .where('tenant_id', '=', t.tenantId)
    .where('status', 'in', LIVE)
    .where('created_at', '>=', since);
  return t.tx
    .selectFrom(raised.unionAll(committed).as('x'))
    .select([
      'x.currency',
      'x.currency_decimals',
      'x.day',
      sql<string>`sum(x.raised)`.as('raised'),
      sql<string>`sum(x.committed)`.as('committed'),
      sql<number>`sum(x.n)::int`.as('investments'),
    ])
    .groupBy(['x.currency', 'x.currency_decimals', 'x.day'])
    .orderBy('x.day')
    .orderBy('x.currency')
    .execute();
}
