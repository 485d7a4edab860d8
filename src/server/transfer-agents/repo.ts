// SQL of the transfer agents module: agents and their settings, the corporate actions they record,
// and the inputs of a deal's register (confirmed investments, and the sale's on-chain
// contributions as the indexer recorded its events).
import { sql } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { TransferAgentActionKind } from '../db/types';

export type TransferAgentRow = {
  id: string;
  user_id: string;
  email: string;
  display_name: string;
  status: 'active' | 'suspended';
  registration_number: string;
  registration_jurisdiction: string;
  contact_email: string | null;
  created_at: Date;
  updated_at: Date;
};

function agentQuery(t: TenantTx) {
  return t.tx
    .selectFrom('transfer_agents as a')
    .innerJoin('transfer_agent_settings as s', (j) => j.onRef('s.tenant_id', '=', 'a.tenant_id').onRef('s.transfer_agent_id', '=', 'a.id'))
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'a.tenant_id').onRef('u.id', '=', 'a.user_id'))
    .select(['a.id', 'a.user_id', 'u.email', 'a.display_name', 'a.status', 's.registration_number', 's.registration_jurisdiction', 's.contact_email', 'a.created_at', 's.updated_at'])
    .where('a.tenant_id', '=', t.tenantId);
}

export async function listAgents(t: TenantTx): Promise<TransferAgentRow[]> {
  return (await agentQuery(t).orderBy('a.display_name').orderBy('a.id').execute()) as TransferAgentRow[];
}

export async function findAgent(t: TenantTx, id: string, opts: { forUpdate?: boolean } = {}): Promise<TransferAgentRow | undefined> {
  let q = agentQuery(t).where('a.id', '=', id);
  if (opts.forUpdate) q = q.forUpdate();
  return (await q.executeTakeFirst()) as TransferAgentRow | undefined;
}

export async function findAgentOfUser(t: TenantTx, userId: string): Promise<TransferAgentRow | undefined> {
  return (await agentQuery(t).where('a.user_id', '=', userId).executeTakeFirst()) as TransferAgentRow | undefined;
}

export type AgentFields = { displayName: string; registrationNumber: string; registrationJurisdiction: string; contactEmail: string | null; status: 'active' | 'suspended' };

export async function insertAgent(t: TenantTx, id: string, userId: string, f: AgentFields, by: string): Promise<void> {
  await t.tx.insertInto('transfer_agents').values({ tenant_id: t.tenantId, id, user_id: userId, display_name: f.displayName, status: f.status, created_by: by }).execute();
  await t.tx
    .insertInto('transfer_agent_settings')
    .values({ tenant_id: t.tenantId, transfer_agent_id: id, registration_number: f.registrationNumber, registration_jurisdiction: f.registrationJurisdiction, contact_email: f.contactEmail, updated_by: by })
    .execute();
}

export async function updateAgent(t: TenantTx, id: string, f: AgentFields, by: string): Promise<void> {
  await t.tx.updateTable('transfer_agents').set({ display_name: f.displayName, status: f.status }).where('tenant_id', '=', t.tenantId).where('id', '=', id).execute();
  await t.tx
    .updateTable('transfer_agent_settings')
    .set({ registration_number: f.registrationNumber, registration_jurisdiction: f.registrationJurisdiction, contact_email: f.contactEmail, updated_by: by, updated_at: new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('transfer_agent_id', '=', id)
    .execute();
}

// ---- the register

/** Deals that have a register: at least one confirmed investment, or a recorded action. */
export function dealsWithHoldings(t: TenantTx) {
  return t.tx
    .selectFrom('deals as d')
    .select([
      'd.id',
      'd.title',
      'd.slug',
      'd.status',
      'd.currency',
      'd.currency_decimals',
      'd.chain_id',
      'd.sale_address',
      'd.confirmed_amount',
      sql<string>`(select count(distinct i.investor_id) from investments i where i.tenant_id = d.tenant_id and i.deal_id = d.id and i.status = 'confirmed')`.as('investors'),
    ])
    .where('d.tenant_id', '=', t.tenantId)
    .where((eb) =>
      eb.or([
        eb.exists(eb.selectFrom('investments as i').select('i.id').whereRef('i.tenant_id', '=', 'd.tenant_id').whereRef('i.deal_id', '=', 'd.id').where('i.status', '=', 'confirmed')),
        eb.exists(eb.selectFrom('transfer_agent_actions as x').select('x.id').whereRef('x.tenant_id', '=', 'd.tenant_id').whereRef('x.deal_id', '=', 'd.id')),
      ]),
    )
    .orderBy('d.title')
    .orderBy('d.id')
    .limit(500)
    .execute();
}

export function dealOf(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('deals')
    .select(['id', 'title', 'slug', 'status', 'currency', 'currency_decimals', 'chain_id', 'sale_address', 'confirmed_amount'])
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', dealId)
    .executeTakeFirst();
}

/** Serialises corporate actions on one deal's register until commit. */
export async function lockRegister(t: TenantTx, dealId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtextextended(${`ta_register:${t.tenantId}:${dealId}`}, 0))`.execute(t.tx);
}

export function confirmedLots(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('investments as i')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'i.tenant_id').onRef('u.id', '=', 'i.investor_id'))
    .select(['i.id as investment_id', 'i.investor_id', 'u.email', 'u.first_name', 'u.last_name', 'i.amount', 'i.wallet_address', 'i.chain_id', 'i.confirmed_at', 'i.created_at'])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.deal_id', '=', dealId)
    .where('i.status', '=', 'confirmed')
    .orderBy('i.confirmed_at')
    .orderBy('i.id')
    .execute();
}

export function actionsOfDeal(t: TenantTx, dealId: string) {
  return t.tx
    .selectFrom('transfer_agent_actions as a')
    .innerJoin('users as h', (j) => j.onRef('h.tenant_id', '=', 'a.tenant_id').onRef('h.id', '=', 'a.holder_id'))
    .leftJoin('users as r', (j) => j.onRef('r.tenant_id', '=', 'a.tenant_id').onRef('r.id', '=', 'a.to_holder_id'))
    .select(['a.id', 'a.kind', 'a.holder_id', 'h.email as holder_email', 'h.first_name as holder_first_name', 'h.last_name as holder_last_name', 'a.to_holder_id', 'r.email as to_email', 'r.first_name as to_first_name', 'r.last_name as to_last_name', 'a.amount', 'a.consideration', 'a.reason', 'a.effective_at', 'a.recorded_by', 'a.recorded_at'])
    .where('a.tenant_id', '=', t.tenantId)
    .where('a.deal_id', '=', dealId)
    .orderBy('a.recorded_at')
    .orderBy('a.id')
    .execute();
}

export async function insertAction(
  t: TenantTx,
  r: { id: string; dealId: string; kind: TransferAgentActionKind; holderId: string; toHolderId: string | null; amount: bigint | null; consideration: bigint | null; reason: string; effectiveAt: Date; by: string },
): Promise<void> {
  await t.tx
    .insertInto('transfer_agent_actions')
    .values({
      tenant_id: t.tenantId,
      id: r.id,
      deal_id: r.dealId,
      kind: r.kind,
      holder_id: r.holderId,
      to_holder_id: r.toHolderId,
      amount: r.amount,
      consideration: r.consideration,
      reason: r.reason,
      effective_at: r.effectiveAt,
      recorded_by: r.by,
    })
    .execute();
}

/**
 * The sale's contribution per investor wallet as the indexer recorded it: the latest `Invested`
 * total of each wallet, set to zero by a later `RefundPaid` (payment-token base units).
 */
export async function onChainContributions(t: TenantTx, chainId: number, sale: string): Promise<Map<string, bigint>> {
  const rows = await t.tx
    .selectFrom('chain_events')
    .select(['event_name', 'args', 'block_number', 'log_index'])
    .where('tenant_id', '=', t.tenantId)
    .where('chain_id', '=', String(chainId))
    .where('address', '=', sale.toLowerCase())
    .where('event_name', 'in', ['Invested', 'RefundPaid'])
    .orderBy('block_number')
    .orderBy('log_index')
    .execute();
  const out = new Map<string, bigint>();
  for (const r of rows) {
    const args = r.args as Record<string, string>;
    const wallet = String(args.investor ?? '').toLowerCase();
    if (!wallet) continue;
    out.set(wallet, r.event_name === 'Invested' ? BigInt(args.totalContribution ?? '0') : 0n);
  }
  return out;
}

/** The indexer's progress on a chain (the block the register's on-chain side is read at). */
export async function indexedBlock(t: TenantTx, chainId: number): Promise<string | null> {
  const r = await t.tx
    .selectFrom('chain_events')
    .select(sql<string | null>`max(block_number)::text`.as('b'))
    .where('tenant_id', '=', t.tenantId)
    .where('chain_id', '=', String(chainId))
    .executeTakeFirst();
  return r?.b ?? null;
}
