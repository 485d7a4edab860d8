// SQL of the brokers module: profiles and settings, invitations, the investor -> broker link, the
// attribution of investments (written inside the investment's own transaction) and the commission
// lines of a period, computed from the investments' status events.
import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { BrokerClientAction } from '../db/types';
import { uuidv7 } from '../ids';

export type BrokerRow = {
  id: string;
  user_id: string;
  display_name: string;
  status: 'active' | 'suspended';
  email: string;
  licence_number: string;
  licence_jurisdiction: string;
  commission_bps: number;
  all_deals: boolean;
  created_at: Date;
  updated_at: Date;
};

function brokerQuery(t: TenantTx) {
  return t.tx
    .selectFrom('brokers as b')
    .innerJoin('broker_settings as s', (j) => j.onRef('s.tenant_id', '=', 'b.tenant_id').onRef('s.broker_id', '=', 'b.id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'b.tenant_id').onRef('u.id', '=', 'b.user_id'))
    .select(['b.id', 'b.user_id', 'b.display_name', 'b.status', 'u.email', 's.licence_number', 's.licence_jurisdiction', 's.commission_bps', 's.all_deals', 'b.created_at', 's.updated_at'])
    .where('b.tenant_id', '=', t.tenantId);
}

export async function listBrokers(t: TenantTx): Promise<(BrokerRow & { clients: string })[]> {
  return (await brokerQuery(t)
    .select((eb) =>
      eb
        .selectFrom('broker_clients as c')
        .select(sql<string>`count(*)`.as('n'))
        .whereRef('c.tenant_id', '=', 'b.tenant_id')
        .whereRef('c.broker_id', '=', 'b.id')
        .as('clients'),
    )
    .orderBy('b.display_name')
    .orderBy('b.id')
    .execute()) as (BrokerRow & { clients: string })[];
}

export async function findBroker(t: TenantTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<BrokerRow | undefined> {
  let q = brokerQuery(t).where('b.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) as BrokerRow | undefined;
}

export async function findBrokerOfUser(t: TenantTx, userId: string): Promise<BrokerRow | undefined> {
  return (await brokerQuery(t).where('b.user_id', '=', userId).executeTakeFirst()) as BrokerRow | undefined;
}

export type BrokerFields = { displayName: string; licenceNumber: string; licenceJurisdiction: string; commissionBps: number; allDeals: boolean; status: 'active' | 'suspended' };

export async function insertBroker(t: TenantTx, id: string, userId: string, f: BrokerFields, by: string): Promise<void> {
  await t.tx.insertInto('brokers').values({ tenant_id: t.tenantId, id, user_id: userId, display_name: f.displayName, status: f.status, created_by: by }).execute();
  await t.tx
    .insertInto('broker_settings')
    .values({ tenant_id: t.tenantId, broker_id: id, licence_number: f.licenceNumber, licence_jurisdiction: f.licenceJurisdiction, commission_bps: f.commissionBps, all_deals: f.allDeals, updated_by: by })
    .execute();
}

export async function updateBroker(t: TenantTx, id: string, f: BrokerFields, by: string): Promise<void> {
  const now = new Date();
  await t.tx.updateTable('brokers').set({ display_name: f.displayName, status: f.status, updated_at: now }).where('tenant_id', '=', t.tenantId).where('id', '=', id).execute();
  await t.tx
    .updateTable('broker_settings')
    .set({ licence_number: f.licenceNumber, licence_jurisdiction: f.licenceJurisdiction, commission_bps: f.commissionBps, all_deals: f.allDeals, updated_by: by, updated_at: now })
    .where('tenant_id', '=', t.tenantId)
    .where('broker_id', '=', id)
    .execute();
}

export async function offeredDealIds(t: TenantTx, brokerId: string): Promise<string[]> {
  const rows = await t.tx.selectFrom('broker_offered_deals').select('deal_id').where('tenant_id', '=', t.tenantId).where('broker_id', '=', brokerId).orderBy('deal_id').execute();
  return rows.map((r) => r.deal_id);
}

export async function replaceOfferedDeals(t: TenantTx, brokerId: string, dealIds: string[]): Promise<void> {
  await t.tx.deleteFrom('broker_offered_deals').where('tenant_id', '=', t.tenantId).where('broker_id', '=', brokerId).execute();
  if (dealIds.length) await t.tx.insertInto('broker_offered_deals').values(dealIds.map((d) => ({ tenant_id: t.tenantId, broker_id: brokerId, deal_id: d }))).execute();
}

/** The deals among `ids` that exist in this tenant. */
export async function existingDealIds(t: TenantTx, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await t.tx.selectFrom('deals').select('id').where('tenant_id', '=', t.tenantId).where('id', 'in', ids).execute();
  return new Set(rows.map((r) => r.id));
}

/** The deals a broker may offer (the listed ones), or with null every deal of the tenant. */
export async function dealsOffered(t: TenantTx, brokerId: string | null) {
  let q = t.tx.selectFrom('deals as d').select(['d.id', 'd.title', 'd.slug', 'd.status', 'd.currency']).where('d.tenant_id', '=', t.tenantId);
  if (brokerId)
    q = q.where(({ exists, selectFrom }) =>
      exists(selectFrom('broker_offered_deals as o').select('o.deal_id').whereRef('o.tenant_id', '=', 'd.tenant_id').whereRef('o.deal_id', '=', 'd.id').where('o.broker_id', '=', brokerId)),
    );
  return q.orderBy('d.title').orderBy('d.id').limit(500).execute();
}

// ---- clients and invitations

export async function clientLinkOf(t: TenantTx, investorId: string, opts: { forUpdate?: boolean } = {}) {
  let q = t.tx.selectFrom('broker_clients').selectAll().where('tenant_id', '=', t.tenantId).where('investor_id', '=', investorId);
  if (opts.forUpdate) q = q.forUpdate();
  return q.executeTakeFirst();
}

/** Attaches the investor; false when they already have a broker (the key refuses a second one, whoever commits first). */
export async function insertClientLink(t: TenantTx, r: { investorId: string; brokerId: string; source: 'invitation' | 'admin'; invitationId: string | null; by: string }): Promise<boolean> {
  const res = await t.tx
    .insertInto('broker_clients')
    .values({ tenant_id: t.tenantId, investor_id: r.investorId, broker_id: r.brokerId, source: r.source, invitation_id: r.invitationId, attached_by: r.by })
    .onConflict((oc) => oc.columns(['tenant_id', 'investor_id']).doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export async function deleteClientLink(t: TenantTx, brokerId: string, investorId: string): Promise<number> {
  const r = await t.tx.deleteFrom('broker_clients').where('tenant_id', '=', t.tenantId).where('investor_id', '=', investorId).where('broker_id', '=', brokerId).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export async function listClients(t: TenantTx, brokerId: string) {
  return t.tx
    .selectFrom('broker_clients as c')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'c.tenant_id').onRef('u.id', '=', 'c.investor_id'))
    .select(['c.investor_id', 'u.email', 'u.first_name', 'u.last_name', 'c.source', 'c.attached_at'])
    .where('c.tenant_id', '=', t.tenantId)
    .where('c.broker_id', '=', brokerId)
    .orderBy('c.attached_at', 'desc')
    .orderBy('c.investor_id')
    .limit(1000)
    .execute();
}

export async function insertInvitation(t: TenantTx, r: { id: string; brokerId: string; investorId: string; message: string | null }): Promise<boolean> {
  const res = await t.tx
    .insertInto('broker_invitations')
    .values({ tenant_id: t.tenantId, id: r.id, broker_id: r.brokerId, investor_id: r.investorId, message: r.message })
    .onConflict((oc) => oc.columns(['tenant_id', 'broker_id', 'investor_id']).where('status', '=', 'pending').doNothing())
    .executeTakeFirst();
  return Number(res.numInsertedOrUpdatedRows ?? 0n) === 1;
}

export function findInvitationForUpdate(t: TenantTx, id: string) {
  return t.tx.selectFrom('broker_invitations').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function decideInvitation(t: TenantTx, id: string, status: 'accepted' | 'declined' | 'revoked'): Promise<number> {
  const r = await t.tx
    .updateTable('broker_invitations')
    .set({ status, decided_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .where('status', '=', 'pending')
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export function invitationsOfBroker(t: TenantTx, brokerId: string) {
  return t.tx
    .selectFrom('broker_invitations as i')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.id', '=', 'i.investor_id'))
    .select(['i.id', 'i.investor_id', 'u.email', 'i.status', 'i.message', 'i.created_at', 'i.decided_at'])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.broker_id', '=', brokerId)
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(200)
    .execute();
}

export function invitationsOfInvestor(t: TenantTx, investorId: string) {
  return t.tx
    .selectFrom('broker_invitations as i')
    .innerJoin('brokers as b', (j) => j.onRef('b.tenant_id', '=', 'i.tenant_id').onRef('b.id', '=', 'i.broker_id'))
    .innerJoin('broker_settings as s', (j) => j.onRef('s.tenant_id', '=', 'b.tenant_id').onRef('s.broker_id', '=', 'b.id'))
    .select(['i.id', 'i.broker_id', 'b.display_name', 's.licence_number', 's.licence_jurisdiction', 'i.status', 'i.message', 'i.created_at', 'i.decided_at'])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.investor_id', '=', investorId)
    .orderBy('i.created_at', 'desc')
    .orderBy('i.id', 'desc')
    .limit(100)
    .execute();
}

// ---- actions a broker took concerning a client (the client sees them)

export async function insertClientActions(t: TenantTx, brokerId: string, investorIds: string[], action: BrokerClientAction, detail: string | null): Promise<void> {
  if (!investorIds.length) return;
  await t.tx
    .insertInto('broker_client_actions')
    .values(investorIds.map((investorId) => ({ tenant_id: t.tenantId, id: uuidv7(), broker_id: brokerId, investor_id: investorId, action, detail })))
    .execute();
}

export function clientActionsOf(t: TenantTx, investorId: string, limit: number) {
  return t.tx
    .selectFrom('broker_client_actions as a')
    .innerJoin('brokers as b', (j) => j.onRef('b.tenant_id', '=', 'a.tenant_id').onRef('b.id', '=', 'a.broker_id'))
    .select(['a.id', 'a.broker_id', 'b.display_name', 'a.action', 'a.detail', 'a.created_at'])
    .where('a.tenant_id', '=', t.tenantId)
    .where('a.investor_id', '=', investorId)
    .orderBy('a.created_at', 'desc')
    .orderBy('a.id', 'desc')
    .limit(limit)
    .execute();
}

// ---- attribution

/**
 * Inside the transaction that inserts the investments: each one whose investor has an active
 * broker allowed to offer the deal is attributed to that broker at the broker's current rate.
 * One statement; the rows it reads are those this transaction sees, so the attribution is the
 * one in force when the investment was made.
 */
export async function attributeInvestments(t: TenantTx, investmentIds: string[]): Promise<void> {
  if (!investmentIds.length) return;
  await sql`
    insert into investment_broker_attributions (tenant_id, investment_id, broker_id, commission_bps)
    select i.tenant_id, i.id, c.broker_id, s.commission_bps
    from investments i
    join broker_clients c on c.tenant_id = i.tenant_id and c.investor_id = i.investor_id
    join brokers b on b.tenant_id = c.tenant_id and b.id = c.broker_id and b.status = 'active'
    join broker_settings s on s.tenant_id = b.tenant_id and s.broker_id = b.id
    where i.tenant_id = ${t.tenantId} and i.id = any(${investmentIds}::uuid[])
      and (s.all_deals or exists (select 1 from broker_offered_deals o where o.tenant_id = b.tenant_id and o.broker_id = b.id and o.deal_id = i.deal_id))
    on conflict (tenant_id, investment_id) do nothing`.execute(t.tx);
}

export function attributionOf(t: TenantTx, investmentId: string) {
  return t.tx.selectFrom('investment_broker_attributions').selectAll().where('tenant_id', '=', t.tenantId).where('investment_id', '=', investmentId).executeTakeFirst();
}

export function attributedInvestments(t: TenantTx, brokerId: string, opts: { investorId?: string; limit: number }) {
  let q = t.tx
    .selectFrom('investment_broker_attributions as a')
    .innerJoin('investments as i', (j) => j.onRef('i.tenant_id', '=', 'a.tenant_id').onRef('i.id', '=', 'a.investment_id'))
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.id', '=', 'i.deal_id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.id', '=', 'i.investor_id'))
    .select(['i.id', 'i.deal_id', 'd.title as deal_title', 'i.investor_id', 'u.email', 'u.first_name', 'u.last_name', 'i.amount', 'i.currency', 'i.currency_decimals', 'i.status', 'i.created_at', 'i.confirmed_at', 'a.commission_bps', 'a.attributed_at'])
    .where('a.tenant_id', '=', t.tenantId)
    .where('a.broker_id', '=', brokerId);
  if (opts.investorId) q = q.where('i.investor_id', '=', opts.investorId);
  return q.orderBy('i.created_at', 'desc').orderBy('i.id', 'desc').limit(opts.limit).execute();
}

export type CommissionEventRow = {
  investment_id: string;
  deal_id: string;
  deal_title: string;
  investor_id: string;
  email: string;
  amount: string;
  currency: string;
  currency_decimals: number;
  commission_bps: number;
  kind: 'confirmed' | 'refunded';
  at: Date;
};

/**
 * The commission lines of [from, to): every attributed investment that became confirmed in the
 * period (a credit) and every one that went from confirmed to refunded in it (a debit).
 */
export async function commissionEvents(t: TenantTx, brokerId: string, from: Date, to: Date): Promise<CommissionEventRow[]> {
  return (await t.tx
    .selectFrom('investment_events as e')
    .innerJoin('investment_broker_attributions as a', (j) => j.onRef('a.tenant_id', '=', 'e.tenant_id').onRef('a.investment_id', '=', 'e.investment_id'))
    .innerJoin('investments as i', (j) => j.onRef('i.tenant_id', '=', 'e.tenant_id').onRef('i.id', '=', 'e.investment_id'))
    .innerJoin('deals as d', (j) => j.onRef('d.tenant_id', '=', 'i.tenant_id').onRef('d.id', '=', 'i.deal_id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.id', '=', 'i.investor_id'))
    .select(['i.id as investment_id', 'i.deal_id', 'd.title as deal_title', 'i.investor_id', 'u.email', 'i.amount', 'i.currency', 'i.currency_decimals', 'a.commission_bps', sql<'confirmed' | 'refunded'>`e.to_status`.as('kind'), 'e.created_at as at'])
    .where('e.tenant_id', '=', t.tenantId)
    .where('a.broker_id', '=', brokerId)
    .where('e.created_at', '>=', from)
    .where('e.created_at', '<', to)
    .where((eb) => eb.or([eb('e.to_status', '=', 'confirmed'), eb.and([eb('e.to_status', '=', 'refunded'), eb('e.from_status', '=', 'confirmed')])]))
    .orderBy('e.created_at')
    .orderBy('e.id')
    .execute()) as CommissionEventRow[];
}
