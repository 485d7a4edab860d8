import { sql, type SqlBool } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { AssetType, DealReviewAction, DealStatus, DealsTable } from '../db/types';
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
  'd.investor_count',
  'd.issuer_id',
  'd.created_at',
  'p.display_name as issuer_name',
] as const;

export type DealListRow = Awaited<ReturnType<typeof listDeals>>['rows'][number];

export async function listDeals(
  t: TenantTx,
  f: {
    statuses: DealStatus[];
    assetType?: AssetType;
    search?: string;
    featured?: boolean;
    issuerId?: string;
    /** Restricted offerings the viewer may not be shown (compliance decides): 506(b) deals other than these ids. */
    only506b?: string[];
    /** Hide offerings made only under Regulation S (viewers not known to be non-U.S. persons). */
    hideRegSOnly?: boolean;
    /** Who is looking (groups/audience.ts): public deals, 'verified' ones if verified, 'group' ones of these groups. Unset: every deal (staff, the issuer's own list). */
    audience?: { verified: boolean; groupIds: string[] };
    limit: number;
    offset: number;
    knownTotal?: number;
  },
) {
  const tsQuery = f.search ? sql`websearch_to_tsquery('english', ${f.search})` : null;
  // Filters on deals alone, so the total is counted without the join (index-only when possible).
  const conditions = [sql`d.tenant_id = ${t.tenantId}`, sql`d.status in (${sql.join(f.statuses)})`];
  if (f.assetType) conditions.push(sql`d.asset_type = ${f.assetType}`);
  if (f.featured !== undefined) conditions.push(sql`d.featured = ${f.featured}`);
  if (f.issuerId) conditions.push(sql`d.issuer_id = ${f.issuerId}`);
  if (f.only506b) {
    const is506b = sql`coalesce(d.compliance->'regimes', '[]'::jsonb) ? 'reg_d_506b'`;
    conditions.push(f.only506b.length ? sql`(not ${is506b} or d.id in (${sql.join(f.only506b)}))` : sql`not ${is506b}`);
  }
  if (f.hideRegSOnly) conditions.push(sql`not (coalesce(d.compliance->'regimes', '[]'::jsonb) ? 'reg_s' and not coalesce(d.compliance->'regimes', '[]'::jsonb) ?| array['reg_d_506b', 'reg_d_506c', 'reg_cf', 'reg_a_tier1', 'reg_a_tier2'])`);
  if (f.audience) {
    const seen = [sql`d.visibility = 'public'`];
    if (f.audience.verified) seen.push(sql`d.visibility = 'verified'`);
    if (f.audience.groupIds.length)
      seen.push(sql`(d.visibility = 'group' and exists (select from group_deals gd where gd.tenant_id = d.tenant_id and gd.deal_id = d.id and gd.group_id in (${sql.join(f.audience.groupIds)})))`);
    conditions.push(sql`(${sql.join(seen, sql` or `)})`);
  }
  // Full-text match, or a trigram match on the title for partial words and typos.
  if (tsQuery) conditions.push(sql`(d.search @@ ${tsQuery} or d.title % ${f.search!})`);
  const filter = sql<SqlBool>`${sql.join(conditions, sql` and `)}`;
  const rowsQuery = t.tx
    .selectFrom('deals as d')
    .innerJoin('issuer_profiles as p', (j) => j.onRef('p.tenant_id', '=', 'd.tenant_id').onRef('p.issuer_id', '=', 'd.issuer_id'))
    .where(filter)
    .select(listColumns)
    .select(reservedAmountOf('d').as('reserved_amount'))
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
    .select(['p.display_name as issuer_name', 'i.user_id as issuer_user_id', reservedAmountOf('d').as('reserved_amount')])
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

// ---------------------------------------------------------------- capacity (the rules: capacity.ts)

/**
 * What a deal has reserved against its hard cap, for selects over `deals as <alias>`: the hard
 * cap minus what its capacity slices still hold, or the deal's own counter while it has none.
 */
export function reservedAmountOf(alias: string) {
  const col = (c: string) => sql.ref(`${alias}.${c}`);
  return sql<string>`coalesce(${col('hard_cap')} - (select sum(s.available) from deal_capacity_slices s where s.tenant_id = ${col('tenant_id')} and s.deal_id = ${col('id')}), ${col('reserved_unsliced')})`;
}

const withinDates = (t: TenantTx, dealId: string) =>
  sql<boolean>`exists (select from deals d where d.tenant_id = ${t.tenantId} and d.id = ${dealId} and (d.starts_at is null or d.starts_at <= now()) and (d.ends_at is null or d.ends_at > now()))`;

/**
 * Takes the whole amount from ONE open slice that holds enough, within the deal's dates.
 * 'skip-locked' (the fast path) tries slices from `start` upward, wrapping, skips any another
 * transaction holds and never waits. 'wait' picks one at random among those that held enough
 * when the statement began and waits for its lock. Either runs inside a savepoint that is
 * rolled back when nothing was taken: a slice that lost its capacity while this statement
 * waited or skipped stays locked otherwise (PostgreSQL keeps the lock of a row that fails its
 * re-check), and a stray lock held out of slice order could deadlock the locking of every
 * slice that follows. On false, this transaction holds no slice lock it did not hold before.
 */
export async function takeFromOneSlice(t: TenantTx, dealId: string, amount: bigint, how: { skipLocked: true; start: number } | { skipLocked: false }): Promise<boolean> {
  const a = amount.toString();
  const fits = sql`c.tenant_id = ${t.tenantId} and c.deal_id = ${dealId} and c.open and c.available >= ${a}::numeric and ${withinDates(t, dealId)}`;
  await sql`savepoint capacity_attempt`.execute(t.tx);
  const r = how.skipLocked
    ? await sql<{ slice: number }>`
        with pick as (
          select c.slice from deal_capacity_slices c where ${fits}
           order by c.slice >= ${how.start} desc, c.slice
           limit 1
           for update skip locked
        )
        update deal_capacity_slices s set available = s.available - ${a}::numeric
          from pick
         where s.tenant_id = ${t.tenantId} and s.deal_id = ${dealId} and s.slice = pick.slice and s.available >= ${a}::numeric
        returning s.slice`.execute(t.tx)
    : await sql<{ slice: number }>`
        update deal_capacity_slices s set available = s.available - ${a}::numeric
         where s.tenant_id = ${t.tenantId} and s.deal_id = ${dealId} and s.open and s.available >= ${a}::numeric
           and s.slice = (select c.slice from deal_capacity_slices c where ${fits} order by random() limit 1)
        returning s.slice`.execute(t.tx);
  if (r.rows.length === 1) return true;
  await sql`rollback to savepoint capacity_attempt`.execute(t.tx);
  return false;
}

export type CapacitySnapshot = { slices: number; open: boolean; available: bigint; withinDates: boolean };

/** The slices as of now, without locking: a refusal read here was true at that instant. */
export async function capacitySnapshot(t: TenantTx, dealId: string): Promise<CapacitySnapshot> {
  const r = await sql<{ slices: number; open: boolean; available: string; within_dates: boolean }>`
    select count(*)::int as slices, coalesce(bool_and(c.open), false) as open, coalesce(sum(c.available), 0) as available, ${withinDates(t, dealId)} as within_dates
      from deal_capacity_slices c where c.tenant_id = ${t.tenantId} and c.deal_id = ${dealId}`.execute(t.tx);
  const row = r.rows[0]!;
  return { slices: row.slices, open: row.open, available: BigInt(row.available), withinDates: row.within_dates };
}

export type SliceRow = { slice: number; available: bigint; open: boolean };

/** Every slice of the deal, locked in slice order (the one order every multi-slice locker uses). */
export async function lockAllSlices(t: TenantTx, dealId: string): Promise<SliceRow[]> {
  const rows = await t.tx
    .selectFrom('deal_capacity_slices')
    .select(['slice', 'available', 'open'])
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .orderBy('slice')
    .forUpdate()
    .execute();
  return rows.map((r) => ({ slice: r.slice, available: BigInt(r.available), open: r.open }));
}

/** Takes the given amounts off slices this transaction has locked. */
export async function takeFromSlices(t: TenantTx, dealId: string, takes: { slice: number; amount: bigint }[]): Promise<void> {
  if (takes.length === 0) return;
  const values = sql.join(takes.map((x) => sql`(${x.slice}::smallint, ${x.amount.toString()}::numeric)`));
  await sql`
    update deal_capacity_slices s set available = s.available - v.take
      from (values ${values}) as v(slice, take)
     where s.tenant_id = ${t.tenantId} and s.deal_id = ${dealId} and s.slice = v.slice`.execute(t.tx);
}

/** Overwrites the slices' amounts (the transaction holds every slice's lock). */
export async function writeSlices(t: TenantTx, dealId: string, amounts: bigint[]): Promise<void> {
  const values = sql.join(amounts.map((a, i) => sql`(${i}::smallint, ${a.toString()}::numeric)`));
  await sql`
    update deal_capacity_slices s set available = v.available
      from (values ${values}) as v(slice, available)
     where s.tenant_id = ${t.tenantId} and s.deal_id = ${dealId} and s.slice = v.slice`.execute(t.tx);
}

/** The deal's capacity terms, its row locked against status, hard-cap and slicing changes (not against invests). */
export async function lockDealCapacity(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('deals')
    .select(['status', 'hard_cap', 'reserved_unsliced', 'soft_cap', 'target_amount', 'min_ticket', 'max_ticket', 'starts_at', 'ends_at', 'currency', 'currency_decimals'])
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', dealId)
    .forNoKeyUpdate()
    .executeTakeFirst();
}

/** Creates the deal's slices with these amounts; does nothing if another transaction did first. */
export async function insertSlices(t: TenantTx, dealId: string, amounts: bigint[], open: boolean): Promise<void> {
  await t.tx
    .insertInto('deal_capacity_slices')
    .values(amounts.map((a, slice) => ({ tenant_id: t.tenantId, deal_id: dealId, slice, available: a, open })))
    .onConflict((oc) => oc.columns(['tenant_id', 'deal_id', 'slice']).doNothing())
    .execute();
}

/** The deal left 'active': every slice closes, locked in slice order. */
export async function closeSlices(t: TenantTx, dealId: string): Promise<void> {
  await sql`
    with l as (select slice from deal_capacity_slices where tenant_id = ${t.tenantId} and deal_id = ${dealId} order by slice for update)
    update deal_capacity_slices s set open = false from l where s.tenant_id = ${t.tenantId} and s.deal_id = ${dealId} and s.slice = l.slice`.execute(t.tx);
}

/**
 * Gives an amount back to one slice: the emptiest one nobody has locked (or one this
 * transaction already holds), else it waits for the lowest-numbered one. False when the deal
 * has no slices.
 */
export async function giveBackToSlice(t: TenantTx, dealId: string, amount: bigint): Promise<boolean> {
  const a = amount.toString();
  const attempt = (skipLocked: boolean) => sql<{ slice: number }>`
    with pick as (
      select c.slice from deal_capacity_slices c where c.tenant_id = ${t.tenantId} and c.deal_id = ${dealId}
       order by ${skipLocked ? sql`c.available, c.slice` : sql`c.slice`} limit 1
       for update ${skipLocked ? sql`skip locked` : sql``}
    )
    update deal_capacity_slices s set available = s.available + ${a}::numeric
      from pick where s.tenant_id = ${t.tenantId} and s.deal_id = ${dealId} and s.slice = pick.slice
    returning s.slice`.execute(t.tx);
  return (await attempt(true)).rows.length === 1 || (await attempt(false)).rows.length === 1;
}

/** The reserved counter of a deal without slices (its row locked by lockDealCapacity first). */
export async function releaseUnsliced(t: TenantTx, dealId: string, amount: bigint): Promise<void> {
  await t.tx
    .updateTable('deals')
    .set({ reserved_unsliced: sql`reserved_unsliced - ${amount.toString()}::numeric`, updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', dealId)
    .execute();
}

/** A new hard cap and the reserved amount it was split against (the row and every slice locked). */
export async function setHardCap(t: TenantTx, dealId: string, hardCap: bigint, reserved: bigint): Promise<void> {
  await t.tx
    .updateTable('deals')
    .set({ hard_cap: hardCap, reserved_unsliced: reserved, updated_at: new Date() })
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

export async function insertReviewEvent(t: TenantTx, e: { id: string; dealId: string; action: DealReviewAction; actorId: string; reason: string | null; at: Date }) {
  await t.tx
    .insertInto('deal_review_events')
    .values({ tenant_id: t.tenantId, deal_id: e.dealId, id: e.id, action: e.action, actor_id: e.actorId, reason: e.reason, created_at: e.at })
    .execute();
}

/** The deal's review steps, oldest first, with the name of the person who took each. */
export async function listReviewEvents(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('deal_review_events as e')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.actor_id'))
    .select(['e.id', 'e.action', 'e.reason', 'e.created_at', 'e.actor_id', 'u.first_name', 'u.last_name'])
    .where('e.tenant_id', '=', t.tenantId)
    .where('e.deal_id', '=', dealId)
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute();
}
