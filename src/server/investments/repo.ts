import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { InvestmentStatus, InvestmentsTable } from '../db/types';
import type { Insertable } from 'kysely';
import { uuidv7 } from '../ids';
import { LIVE_STATUSES } from './lifecycle';
import { attributeNewInvestments } from '../brokers/service';

/**
 * Serialises the per-investor maximum check of one investor in one deal until commit: the next
 * invest of the same investor sums after this one committed or rolled back. Other investors
 * take other keys (a hash collision only makes two of them wait for each other).
 */
export const lockInvestorTotal = (t: TenantTx, dealId: string, investorId: string) => lockInvestorTotals(t, dealId, [investorId]);

/** The advisory locks of several investors' totals in one deal, in one statement and in a fixed (sorted) order, so two groups never wait on each other in a cycle. */
export async function lockInvestorTotals(t: TenantTx, dealId: string, investorIds: string[]): Promise<void> {
  if (investorIds.length === 0) return;
  const keys = [...new Set(investorIds)].sort().map((id) => `investor_total:${t.tenantId}:${dealId}:${id}`);
  await sql`select pg_advisory_xact_lock(hashtextextended(k.key, 0)) from unnest(${keys}::text[]) with ordinality as k(key, n) order by k.n`.execute(t.tx);
}

/** The live totals of several investors in one deal; an investor without any is left out. */
export async function liveTotalsOfInvestors(t: TenantTx, dealId: string, investorIds: string[]): Promise<Map<string, bigint>> {
  if (investorIds.length === 0) return new Map();
  const rows = await t.tx
    .selectFrom('investments')
    .select(['investor_id', sql<string>`sum(amount)`.as('total')])
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .where('investor_id', 'in', investorIds)
    .where('status', 'in', LIVE_STATUSES)
    .groupBy('investor_id')
    .execute();
  return new Map(rows.map((r) => [r.investor_id, BigInt(r.total)]));
}

export const liveTotalOfInvestor = async (t: TenantTx, dealId: string, investorId: string): Promise<bigint> =>
  (await liveTotalsOfInvestors(t, dealId, [investorId])).get(investorId) ?? 0n;

export const insertInvestment = (t: TenantTx, row: Omit<Insertable<InvestmentsTable>, 'tenant_id'>) => insertInvestments(t, [row]);

/** Several new investments and their first events, in two statements. */
export async function insertInvestments(t: TenantTx, rows: Omit<Insertable<InvestmentsTable>, 'tenant_id'>[]): Promise<void> {
  if (rows.length === 0) return;
  await t.tx
    .insertInto('investments')
    .values(rows.map((r) => ({ ...r, tenant_id: t.tenantId })))
    .execute();
  await t.tx
    .insertInto('investment_events')
    .values(rows.map((r) => ({ tenant_id: t.tenantId, id: uuidv7(), investment_id: r.id, from_status: null, to_status: r.status, actor_id: r.investor_id, reason: null })))
    .execute();
  // The investor's broker at this moment earns the commission on it: written in the same transaction.
  await attributeNewInvestments(t, rows.map((r) => r.id));
}

export async function insertEvent(t: TenantTx, investmentId: string, from: InvestmentStatus | null, to: InvestmentStatus, actorId: string | null, reason: string | null) {
  await t.tx
    .insertInto('investment_events')
    .values({ tenant_id: t.tenantId, id: uuidv7(), investment_id: investmentId, from_status: from, to_status: to, actor_id: actorId, reason })
    .execute();
}

export async function findInvestmentForUpdate(t: TenantTx, id: string) {
  return t.tx.selectFrom('investments').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Moves one investment from an expected status; 0 when someone else moved it first. */
export async function moveInvestment(t: TenantTx, id: string, from: InvestmentStatus, to: InvestmentStatus, extra: { cancel_reason?: string | null; confirmed_at?: Date } = {}): Promise<number> {
  const r = await t.tx
    .updateTable('investments')
    .set({ status: to, updated_at: new Date(), ...extra })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function hasOtherConfirmed(t: TenantTx, dealId: string, investorId: string, exceptId: string): Promise<boolean> {
  const r = await t.tx
    .selectFrom('investments')
    .select('id')
    .where('tenant_id', '=', t.tenantId)
    .where('deal_id', '=', dealId)
    .where('investor_id', '=', investorId)
    .where('status', '=', 'confirmed')
    .where('id', '!=', exceptId)
    .limit(1)
    .executeTakeFirst();
  return !!r;
}

export async function listInvestorInvestments(t: TenantTx, investorId: string) {
  return t.tx
    .selectFrom('investments as i')
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.id', '=', 'i.deal_id'))
    .select(['i.id', 'i.deal_id', 'i.amount', 'i.currency', 'i.currency_decimals', 'i.payment_method', 'i.wallet_address', 'i.status', 'i.transaction_hash', 'i.chain_id', 'i.escrow_address', 'i.created_at', 'i.updated_at', 'i.confirmed_at', 'd.title as deal_title', 'd.slug as deal_slug', 'd.status as deal_status', 'd.asset_type'])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.investor_id', '=', investorId)
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(1000)
    .execute();
}

export async function listInvestorEvents(t: TenantTx, investorId: string, limit: number) {
  return t.tx
    .selectFrom('investment_events as e')
    .innerJoin('investments as i', (j) => j.onRef('i.tenant_id', '=', 'e.tenant_id').onRef('i.id', '=', 'e.investment_id'))
    .select(['e.id', 'e.investment_id', 'e.from_status', 'e.to_status', 'e.reason', 'e.created_at', 'i.deal_id'])
    .where('e.tenant_id', '=', t.tenantId)
    .where('i.investor_id', '=', investorId)
    .orderBy('e.created_at', 'desc')
    .limit(limit)
    .execute();
}

/** Investors of one deal with their live totals: the cap table / allocation list. */
export async function dealAllocations(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('investments as i')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.id', '=', 'i.investor_id'))
    .leftJoin('profiles as pr', (j) => j.onRef('pr.tenant_id', '=', 'u.tenant_id').onRef('pr.user_id', '=', 'u.id'))
    .select([
      'u.id as investor_id',
      'u.email',
      'u.first_name',
      'u.last_name',
      'pr.kyc_status',
      'pr.verification_level',
      sql<string>`sum(i.amount) filter (where i.status = 'confirmed')`.as('confirmed'),
      sql<string>`sum(i.amount) filter (where i.status in ('pending_kyc', 'pending_payment', 'in_escrow'))`.as('pending'),
      sql<number>`count(*)::int`.as('investments'),
      sql<Date>`min(i.created_at)`.as('first_at'),
    ])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.deal_id', '=', dealId)
    .where('i.status', 'in', LIVE_STATUSES)
    .groupBy(['u.id', 'u.email', 'u.first_name', 'u.last_name', 'pr.kyc_status', 'pr.verification_level'])
    .orderBy(sql`min(i.created_at)`)
    .execute();
}

export type AdminInvestmentFilter = { status?: InvestmentStatus; dealId?: string; investor?: string; limit: number; offset: number };

/** The operator's list: every investment of the tenant with its deal and investor, newest first. */
export async function listInvestmentsForAdmin(t: TenantTx, f: AdminInvestmentFilter) {
  let q = t.tx
    .selectFrom('investments as i')
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.id', '=', 'i.deal_id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.id', '=', 'i.investor_id'))
    .where('i.tenant_id', '=', t.tenantId);
  if (f.status) q = q.where('i.status', '=', f.status);
  if (f.dealId) q = q.where('i.deal_id', '=', f.dealId);
  if (f.investor) {
    const like = `%${f.investor.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    q = q.where((eb) => eb.or([eb('u.email', 'ilike', like), eb(sql<string>`u.first_name || ' ' || u.last_name`, 'ilike', like)]));
  }
  const [rows, total] = await Promise.all([
    q
      .select([
        'i.id', 'i.deal_id', 'i.investor_id', 'i.amount', 'i.currency', 'i.currency_decimals', 'i.payment_method', 'i.status', 'i.transaction_hash', 'i.cancel_reason', 'i.created_at', 'i.confirmed_at',
        'd.title as deal_title', 'd.slug as deal_slug', 'u.email', 'u.first_name', 'u.last_name',
      ])
      .orderBy('i.created_at', 'desc')
      .orderBy('i.id', 'desc')
      .limit(f.limit)
      .offset(f.offset)
      .execute(),
    q.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow(),
  ]);
  return { rows, total: Number(total.n) };
}

/**
 * Binds escrows funded on chain to the reservations they pay for, in one statement: each escrow
 * (in log order) takes the oldest pending_payment on-chain investment of its deal from its
 * wallet for exactly its amount (token base units) not bound to an escrow yet, moves it to
 * in_escrow with the escrow's address and funding tx, and writes its investment event. The
 * update takes the row lock and re-checks the status, as the reservation expiry does, so an
 * escrow and an expiry never both win; an escrow without a reservation is left out of the result.
 */
export async function bindEscrowsToReservations(
  t: TenantTx,
  chainId: number,
  tokenDecimals: number,
  escrows: { dealId: string; wallet: string; tokenAmount: bigint; escrow: string; txHash: string }[],
) {
  if (!escrows.length) return [];
  const col = <T>(f: (e: (typeof escrows)[number], i: number) => T) => escrows.map(f);
  const r = await sql<{ id: string; deal_id: string; investor_id: string; amount: string; currency: string; escrow: string }>`
    with e as (
      select * from unnest(${col((e) => e.dealId)}::uuid[], ${col((e) => e.wallet.toLowerCase())}::text[], ${col((e) => e.tokenAmount.toString())}::numeric[],
        ${col((e) => e.escrow)}::text[], ${col((e) => e.txHash)}::text[], ${col(() => uuidv7())}::uuid[], ${col((_, i) => i)}::int[])
        as e(deal_id, wallet, token_amount, escrow, tx, event_id, ord)
    ), numbered as (
      select e.*, row_number() over (partition by deal_id, wallet, token_amount order by ord) as rn from e
    ), wanted as (
      select deal_id, wallet, token_amount, count(*)::int as n from e group by deal_id, wallet, token_amount
    ), picked as (
      select w.deal_id, w.wallet, w.token_amount, x.id, row_number() over (partition by w.deal_id, w.wallet, w.token_amount order by x.created_at, x.id) as rn
      from wanted w
      cross join lateral (
        select i.id, i.created_at
        from investments i
        where i.tenant_id = ${t.tenantId} and i.chain_id = ${chainId} and i.status = 'pending_payment' and i.escrow_address is null
          and i.deal_id = w.deal_id and lower(i.wallet_address) = w.wallet
          and i.amount * (10::numeric ^ (${tokenDecimals}::int - i.currency_decimals)) = w.token_amount
        order by i.created_at, i.id
        limit w.n
      ) x
    ), bound as (
      update investments i set status = 'in_escrow', escrow_address = n.escrow, transaction_hash = n.tx, updated_at = now()
      from picked p join numbered n using (deal_id, wallet, token_amount, rn)
      where i.tenant_id = ${t.tenantId} and i.id = p.id and i.status = 'pending_payment' and i.escrow_address is null
      returning i.id, i.deal_id, i.investor_id, i.amount::text as amount, i.currency, n.escrow, n.tx, n.event_id
    ), events as (
      insert into investment_events (tenant_id, id, investment_id, from_status, to_status, actor_id, reason)
      select ${t.tenantId}, b.event_id, b.id, 'pending_payment', 'in_escrow', null, 'Escrow ' || b.escrow || ' funded on chain (tx ' || b.tx || ')' from bound b
    )
    select id, deal_id, investor_id, amount, currency, escrow from bound`.execute(t.tx);
  return r.rows;
}

export async function insertEvents(t: TenantTx, rows: { investmentId: string; from: InvestmentStatus | null; to: InvestmentStatus; actorId: string | null; reason: string | null }[]) {
  if (!rows.length) return;
  await t.tx
    .insertInto('investment_events')
    .values(rows.map((r) => ({ tenant_id: t.tenantId, id: uuidv7(), investment_id: r.investmentId, from_status: r.from, to_status: r.to, actor_id: r.actorId, reason: r.reason })))
    .execute();
}

/** A reorg took the funding away: the investment waits for its escrow again. */
export async function unbindEscrow(t: TenantTx, id: string): Promise<number> {
  const r = await t.tx
    .updateTable('investments')
    .set({ status: 'pending_payment', escrow_address: null, transaction_hash: null, updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .where('status', '=', 'in_escrow')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A reorg took the outcome away: back (usually to in_escrow) from the status the chain had moved it to. */
export async function reopenEscrowedInvestment(t: TenantTx, id: string, from: InvestmentStatus, to: InvestmentStatus): Promise<number> {
  const r = await t.tx
    .updateTable('investments')
    .set({ status: to, confirmed_at: null, cancel_reason: null, updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** On-chain reservations whose funding time ran out without an escrow (ids only; each is re-checked under its row lock). */
export async function expiredFundingReservations(t: TenantTx, now: Date, limit: number): Promise<string[]> {
  const rows = await t.tx
    .selectFrom('investments')
    .select('id')
    .where('tenant_id', '=', t.tenantId)
    .where('status', '=', 'pending_payment')
    .where('chain_id', 'is not', null)
    .where('escrow_address', 'is', null)
    .where('funding_expires_at', '<', now)
    .orderBy('funding_expires_at')
    .limit(limit)
    .execute();
  return rows.map((r) => r.id);
}
