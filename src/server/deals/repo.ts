import { sql, type SqlBool } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { AssetType, DealStatus, DealsTable } from '../db/types';
import type { Insertable, Updateable } from 'kysely';

export const PUBLIC_STATUSES: DealStatus[] = ['active', 'funded', 'closed', 'completed'];

const listColumns = [
  'd.id',
  'd.slug',
  'd.title',
  'd.summary',
  'd.asset_type',
  'd.status',
  'd.currency',
  'd.currency_decimals',
  'd.target_amount',
  'd.soft_cap',
  'd.hard_cap',
  'd.min_ticket',
  'd.max_ticket',
  'd.valuation',
  'd.starts_at',
  'd.ends_at',
  'd.featured',
  'd.confirmed_amount',
  'd.reserved_amount',
  'd.investor_count',
  'd.issuer_id',
  'd.created_at',
  'p.display_name as issuer_name',
] as const;

export type DealListRow = Awaited<ReturnType<typeof listDeals>>['rows'][number];

export async function listDeals(
  t: TenantTx,
  f: { statuses: DealStatus[]; assetType?: AssetType; search?: string; featured?: boolean; issuerId?: string; limit: number; offset: number; knownTotal?: number },
) {
  const tsQuery = f.search ? sql`websearch_to_tsquery('english', ${f.search})` : null;
  // Filters on deals alone, so the total is counted without the join (index-only when possible).
  const conditions = [sql`d.tenant_id = ${t.tenantId}`, sql`d.status in (${sql.join(f.statuses)})`];
  if (f.assetType) conditions.push(sql`d.asset_type = ${f.assetType}`);
  if (f.featured !== undefined) conditions.push(sql`d.featured = ${f.featured}`);
  if (f.issuerId) conditions.push(sql`d.issuer_id = ${f.issuerId}`);
  // Full-text match, or a trigram match on the title for partial words and typos.
  if (tsQuery) conditions.push(sql`(d.search @@ ${tsQuery} or d.title % ${f.search!})`);
  const filter = sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
  const rowsQuery = t.tx
    .selectFrom('deals as d')
    .innerJoin('issuer_profiles as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.issuer_id', '=', 'd.issuer_id'))
    .where(filter)
    .select(listColumns)
    .$if(!!tsQuery, (qb) => qb.orderBy(sql`ts_rank(d.search, ${tsQuery}) + similarity(d.title, ${f.search ?? ''})`, 'desc'))
    .orderBy('d.created_at', 'desc')
    .orderBy('d.id', 'desc')
    // One row more than the page says whether there is a next page without counting.
    .limit(f.limit + 1)
    .offset(f.offset);
  const rows = await rowsQuery.execute();
  const hasMore = rows.length > f.limit;
  const page = hasMore ? rows.slice(0, f.limit) : rows;
  const total =
    f.knownTotal ?? Number((await t.tx.selectFrom('deals as d').where(filter).select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow()).n);
  // A remembered total may be a little stale; never let it contradict the page just read.
  return { rows: page, total: Math.max(total, f.offset + page.length + (hasMore ? 1 : 0)), hasMore };
}

export async function findDeal(t: TenantTx, idOrSlug: string) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  return t.tx
    .selectFrom('deals as d')
    .innerJoin('issuer_profiles as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.issuer_id', '=', 'd.issuer_id'))
    .innerJoin('issuers as i', (j) => j.onRef('i.tenant_id', '=', 'd.tenant_id').onRef('i.id', '=', 'd.issuer_id'))
    .selectAll('d')
    .select(['p.display_name as issuer_name', 'i.user_id as issuer_user_id'])
    .where('d.tenant_id', '=', t.tenantId)
    .where(isUuid ? 'd.id' : 'd.slug', '=', idOrSlug)
    .executeTakeFirst();
}

export type DealRow = NonNullable<Awaited<ReturnType<typeof findDeal>>>;

export async function insertDeal(t: TenantTx, row: Omit<Insertable<DealsTable>, 'tenant_id'>): Promise<boolean> {
  const r = await t.tx
    .insertInto('deals')
    .values({ ...row, tenant_id: t.tenantId })
    .onConflict((oc) => oc.columns(['tenant_id', 'slug']).doNothing())
    .returning('id')
    .executeTakeFirst();
  return !!r;
}

export async function updateDeal(t: TenantTx, id: string, patch: Updateable<DealsTable>, expectStatus?: DealStatus[]): Promise<number> {
  let q = t.tx.updateTable('deals').set({ ...patch, updated_at: new Date() }).where('tenant_id', '=', t.tenantId).where('id', '=', id);
  if (expectStatus) q = q.where('status', 'in', expectStatus);
  return Number((await q.executeTakeFirst()).numUpdatedRows);
}

export async function slugExists(t: TenantTx, slug: string): Promise<boolean> {
  return !!(await t.tx.selectFrom('deals').select('id').where('tenant_id', '=', t.tenantId).where('slug', '=', slug).executeTakeFirst());
}

/**
 * The hard-cap guard: one conditional UPDATE that adds the amount only if the deal is open
 * and the result stays within the hard cap. The row lock it takes serialises every
 * concurrent invest in this deal until the transaction ends.
 */
export async function reserveCapacity(t: TenantTx, dealId: string, amount: bigint) {
  return t.tx
    .updateTable('deals')
    .set({ reserved_amount: sql`reserved_amount + ${amount.toString()}::numeric`, updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', dealId)
    .where('status', '=', 'active')
    .where((eb) => eb.or([eb('starts_at', 'is', null), eb('starts_at', '<=', sql<Date>`now()`)]))
    .where((eb) => eb.or([eb('ends_at', 'is', null), eb('ends_at', '>', sql<Date>`now()`)]))
    .where(sql<SqlBool>`reserved_amount + ${amount.toString()}::numeric <= hard_cap`)
    .returning(['reserved_amount', 'hard_cap'])
    .executeTakeFirst();
}

export async function releaseCapacity(t: TenantTx, dealId: string, amount: bigint): Promise<void> {
  await t.tx
    .updateTable('deals')
    .set({ reserved_amount: sql`reserved_amount - ${amount.toString()}::numeric`, updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', dealId)
    .execute();
}

export async function recordConfirmation(t: TenantTx, dealId: string, amount: bigint, newInvestor: boolean): Promise<void> {
  await t.tx
    .updateTable('deals')
    .set({
      confirmed_amount: sql`confirmed_amount + ${amount.toString()}::numeric`,
      investor_count: sql`investor_count + ${newInvestor ? 1 : 0}`,
      updated_at: new Date(),
    })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', dealId)
    .execute();
}

/** Takes a confirmed amount back out (a refund after confirmation), and the investor too when it was their last. */
export async function reverseConfirmation(t: TenantTx, dealId: string, amount: bigint, lastOfInvestor: boolean): Promise<void> {
  await t.tx
    .updateTable('deals')
    .set({
      confirmed_amount: sql`confirmed_amount - ${amount.toString()}::numeric`,
      investor_count: sql`investor_count - ${lastOfInvestor ? 1 : 0}`,
      updated_at: new Date(),
    })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', dealId)
    .execute();
}

/** Money committed per day for the admin's charts (confirmed and all live commitments). */
export async function raisedPerDay(t: TenantTx, days: number) {
  return t.tx
    .selectFrom('investments')
    .select([
      sql<string>`to_char(date_trunc('day', created_at), 'YYYY-MM-DD')`.as('day'),
      'currency',
      'currency_decimals',
      sql<string>`sum(amount) filter (where status = 'confirmed')`.as('confirmed'),
      sql<string>`sum(amount) filter (where status not in ('cancelled', 'refunded'))`.as('committed'),
      sql<string>`count(*)`.as('count'),
    ])
    .where('tenant_id', '=', t.tenantId)
    .where('created_at', '>', sql<Date>`now() - make_interval(days => ${days})`)
    .groupBy([sql`1`, 'currency', 'currency_decimals'])
    .orderBy(sql`1`)
    .execute();
}
