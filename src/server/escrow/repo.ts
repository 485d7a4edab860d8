import { sql, type Selectable, type Transaction } from 'kysely';
import type { TenantTx } from '../db/tenant';
import type { Database, EscrowInvestmentsTable, EscrowRefundReason, EscrowStatus } from '../db/types';
import { uuidv7 } from '../ids';

export type EscrowRow = Selectable<EscrowInvestmentsTable>;

/** Creates the escrow of an investment once; false when it already has one. */
export type NewEscrow = { id: string; investmentId: string; investorId: string; dealId: string; amount: string; currency: string; createdAt: Date; deadlineAdmin: Date; expiresAt: Date };

/** The row of a new escrow, off chain or (with its contract) on chain. */
function escrowValues(t: TenantTx, e: NewEscrow & { chainId?: number; escrowAddress?: string }) {
  return {
    tenant_id: t.tenantId,
    id: e.id,
    investment_id: e.investmentId,
    investor_id: e.investorId,
    deal_id: e.dealId,
    amount: e.amount,
    currency: e.currency,
    deadline_admin: e.deadlineAdmin,
    expires_at: e.expiresAt,
    ...(e.escrowAddress !== undefined ? { chain_id: e.chainId, escrow_address: e.escrowAddress } : {}),
    created_at: e.createdAt,
    updated_at: e.createdAt,
  };
}

export async function insertEscrowOnce(t: TenantTx, e: NewEscrow): Promise<boolean> {
  const r = await t.tx
    .insertInto('escrow_investments')
    .values(escrowValues(t, e))
    .onConflict((oc) => oc.columns(['tenant_id', 'investment_id']).doNothing())
    .executeTakeFirst();
  return Number(r.numInsertedOrUpdatedRows ?? 0n) === 1;
}

/** Where a movement came from on chain: the log the indexer applied (a reorg deletes by it). */
export type ChainLog = { chainId: number; txHash: string; logIndex: number };

const provenance = (c: ChainLog | undefined) => (c ? { chain_id: c.chainId, tx_hash: c.txHash.toLowerCase(), log_index: c.logIndex } : {});

export async function insertMovement(t: TenantTx, m: { escrowId: string; kind: 'deposit' | 'release' | 'refund'; amount: string; actorId: string | null; at: Date; chain?: ChainLog }): Promise<void> {
  await t.tx
    .insertInto('escrow_transactions')
    .values({ tenant_id: t.tenantId, id: uuidv7(), escrow_id: m.escrowId, kind: m.kind, amount: m.amount, actor_id: m.actorId, created_at: m.at, ...provenance(m.chain) })
    .execute();
}

export async function insertRefund(t: TenantTx, r: { escrowId: string; reason: EscrowRefundReason; note: string | null; actorId: string | null; at: Date; chain?: ChainLog }): Promise<void> {
  await t.tx
    .insertInto('escrow_refunds')
    .values({ tenant_id: t.tenantId, id: uuidv7(), escrow_id: r.escrowId, reason: r.reason, note: r.note, actor_id: r.actorId, created_at: r.at, ...provenance(r.chain) })
    .execute();
}

export type NewChainEscrow = NewEscrow & { chainId: number; escrowAddress: string };

/**
 * Escrows funded on chain with their deposit movements, in one statement: each escrow row (once
 * per investment) and, for each row new in this call, its deposit with the funding log's
 * identity. The rows travel as one JSON document parsed by the server, not as thousands of bind
 * parameters. Returns the ids of the escrows new in this call.
 */
export async function insertChainEscrowsWithDeposits(t: TenantTx, rows: (NewChainEscrow & { depositId: string; log: ChainLog })[]): Promise<Set<string>> {
  if (!rows.length) return new Set();
  // Dates serialise as ISO 8601; the recordset reads only the columns it names.
  const doc = JSON.stringify(rows.map((e) => ({ ...escrowValues(t, e), deposit_id: e.depositId, tx_hash: e.log.txHash.toLowerCase(), log_index: e.log.logIndex })));
  const r = await sql<{ id: string }>`
    with r as (
      select * from jsonb_to_recordset(${doc}::jsonb) as r(id uuid, investment_id uuid, investor_id uuid, deal_id uuid, amount numeric, currency text,
        deadline_admin timestamptz, expires_at timestamptz, chain_id bigint, escrow_address text, created_at timestamptz, updated_at timestamptz, deposit_id uuid, tx_hash text, log_index int)
    ), opened as (
      insert into escrow_investments (tenant_id, id, investment_id, investor_id, deal_id, amount, currency, deadline_admin, expires_at, chain_id, escrow_address, created_at, updated_at)
      select ${t.tenantId}::uuid, id, investment_id, investor_id, deal_id, amount, currency, deadline_admin, expires_at, chain_id, escrow_address, created_at, updated_at from r
      on conflict (tenant_id, investment_id) do nothing
      returning id
    ), deposits as (
      insert into escrow_transactions (tenant_id, id, escrow_id, kind, amount, actor_id, created_at, chain_id, tx_hash, log_index)
      select ${t.tenantId}::uuid, r.deposit_id, r.id, 'deposit', r.amount, r.investor_id, r.created_at, r.chain_id, r.tx_hash, r.log_index from r join opened o using (id)
    )
    select id from opened`.execute(t.tx);
  return new Set(r.rows.map((x) => x.id));
}

export async function findEscrowByAddressForUpdate(t: TenantTx, chainId: number, address: string): Promise<EscrowRow | undefined> {
  return t.tx
    .selectFrom('escrow_investments')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('chain_id', '=', String(chainId))
    .where(sql<string>`lower(escrow_address)`, '=', address.toLowerCase())
    .forUpdate()
    .executeTakeFirst();
}

export async function setEscrowDeadline(t: TenantTx, id: string, deadline: Date, at: Date): Promise<void> {
  await t.tx.updateTable('escrow_investments').set({ deadline_admin: deadline, updated_at: at }).where('tenant_id', '=', t.tenantId).where('id', '=', id).execute();
}

/** A reorg rewinds an outcome: released/refunded -> held again. */
export async function reopenEscrow(t: TenantTx, id: string, from: EscrowStatus, at: Date): Promise<number> {
  return setEscrowStatus(t, id, from, 'held', at);
}

/** Deletes the movements and refund reasons one log wrote (the indexer's role only; 0030's guard). */
export async function deleteChainRows(t: TenantTx, c: ChainLog): Promise<void> {
  const tx = c.txHash.toLowerCase();
  await t.tx.deleteFrom('escrow_refunds').where('tenant_id', '=', t.tenantId).where('chain_id', '=', String(c.chainId)).where('tx_hash', '=', tx).where('log_index', '=', c.logIndex).execute();
  await t.tx.deleteFrom('escrow_transactions').where('tenant_id', '=', t.tenantId).where('chain_id', '=', String(c.chainId)).where('tx_hash', '=', tx).where('log_index', '=', c.logIndex).execute();
}

/** A reorg removed the funding: the escrow row goes (its chain-written movements first). */
export async function deleteChainEscrow(t: TenantTx, id: string): Promise<void> {
  await t.tx.deleteFrom('escrow_refunds').where('tenant_id', '=', t.tenantId).where('escrow_id', '=', id).where('chain_id', 'is not', null).execute();
  await t.tx.deleteFrom('escrow_transactions').where('tenant_id', '=', t.tenantId).where('escrow_id', '=', id).where('chain_id', 'is not', null).execute();
  await t.tx.deleteFrom('escrow_investments').where('tenant_id', '=', t.tenantId).where('id', '=', id).where('chain_id', 'is not', null).execute();
}

/** Moves a held escrow; 0 when it was not held any more (someone else decided first). */
export async function setEscrowStatus(t: TenantTx, id: string, from: EscrowStatus, to: EscrowStatus, at: Date): Promise<number> {
  const r = await t.tx
    .updateTable('escrow_investments')
    .set({ status: to, updated_at: at })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .where('status', '=', from)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

export async function markAdminAlerted(t: TenantTx, id: string, at: Date): Promise<void> {
  await t.tx.updateTable('escrow_investments').set({ admin_alerted_at: at, updated_at: at }).where('tenant_id', '=', t.tenantId).where('id', '=', id).execute();
}

export async function findEscrowForUpdate(t: TenantTx, id: string): Promise<EscrowRow | undefined> {
  return t.tx.selectFrom('escrow_investments').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', id).forUpdate().executeTakeFirst();
}

export async function heldEscrowsOfInvestor(t: TenantTx, investorId: string): Promise<EscrowRow[]> {
  return t.tx
    .selectFrom('escrow_investments')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('investor_id', '=', investorId)
    .where('status', '=', 'held')
    .orderBy('created_at')
    .forUpdate()
    .execute();
}

/** Held escrows the sweep must act on: expired, or past the admin deadline and not alerted. */
export async function escrowsDue(t: TenantTx, now: Date, limit: number): Promise<EscrowRow[]> {
  return t.tx
    .selectFrom('escrow_investments')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('status', '=', 'held')
    .where((eb) => eb.or([eb('expires_at', '<', now), eb.and([eb('deadline_admin', '<=', now), eb('admin_alerted_at', 'is', null)])]))
    .orderBy('expires_at')
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** Held escrows whose investment has left pending_kyc some other way (the investor cancelled). */
export async function heldEscrowsOfClosedInvestments(t: TenantTx, limit: number) {
  return t.tx
    .selectFrom('escrow_investments as e')
    .innerJoin('investments as i', (j) => j.onRef('i.tenant_id', '=', 'e.tenant_id').onRef('i.id', '=', 'e.investment_id'))
    .selectAll('e')
    .select('i.status as investment_status')
    .where('e.tenant_id', '=', t.tenantId)
    .where('e.status', '=', 'held')
    .where('i.status', 'in', ['cancelled', 'refunded'])
    .limit(limit)
    .forUpdate()
    .skipLocked()
    .execute();
}

/** pending_kyc investments created before the escrow hook existed (or without it): the backfill. */
export async function pendingKycWithoutEscrow(t: TenantTx, limit: number, investorId?: string) {
  let q = t.tx
    .selectFrom('investments as i')
    .leftJoin('escrow_investments as e', (j) => j.onRef('e.tenant_id', '=', 'i.tenant_id').onRef('e.investment_id', '=', 'i.id'))
    .select(['i.id', 'i.investor_id', 'i.deal_id', 'i.amount', 'i.currency', 'i.created_at'])
    .where('i.tenant_id', '=', t.tenantId)
    .where('i.status', '=', 'pending_kyc')
    .where('e.id', 'is', null);
  if (investorId) q = q.where('i.investor_id', '=', investorId);
  return q.orderBy('i.created_at').limit(limit).execute();
}

export async function listEscrows(t: TenantTx, q: { status?: EscrowStatus; id?: string; limit: number }) {
  let query = t.tx
    .selectFrom('escrow_investments as e')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'e.tenant_id').onRef('u.id', '=', 'e.investor_id'))
    .innerJoin('investments as i', (j) => j.onRef('i.tenant_id', '=', 'e.tenant_id').onRef('i.id', '=', 'e.investment_id'))
    .leftJoin('escrow_refunds as r', (j) => j.onRef('r.tenant_id', '=', 'e.tenant_id').onRef('r.escrow_id', '=', 'e.id'))
    .selectAll('e')
    .select(['u.email', 'u.first_name', 'u.last_name', 'i.status as investment_status', 'i.currency_decimals', 'r.reason as refund_reason', 'r.note as refund_note'])
    .where('e.tenant_id', '=', t.tenantId);
  if (q.status) query = query.where('e.status', '=', q.status);
  if (q.id) query = query.where('e.id', '=', q.id);
  return query.orderBy('e.deadline_admin').orderBy('e.id').limit(q.limit).execute();
}

export async function listMovements(t: TenantTx, escrowIds: string[]) {
  if (!escrowIds.length) return [];
  return t.tx
    .selectFrom('escrow_transactions')
    .select(['id', 'escrow_id', 'kind', 'amount', 'tx_hash', 'actor_id', 'created_at'])
    .where('tenant_id', '=', t.tenantId)
    .where('escrow_id', 'in', escrowIds)
    .orderBy('created_at')
    .orderBy('id')
    .execute();
}

/** Users of this tenant holding a role, for alert mail. */
/** The tenant's active admins (user ids), who are alerted through notify(). */
export async function adminRecipients(t: TenantTx): Promise<string[]> {
  const rows = await t.tx
    .selectFrom('tenant_user_roles as r')
    .innerJoin('users as u', (j) => j.onRef('u.tenant_id', '=', 'r.tenant_id').onRef('u.id', '=', 'r.user_id'))
    .select('u.id')
    .distinct()
    .where('r.tenant_id', '=', t.tenantId)
    .where('r.role', '=', 'tenant_admin')
    .where('u.status', '=', 'active')
    .execute();
  return rows.map((r) => r.id);
}

/**
 * Ids of every tenant, for the platform sweep (tenants are reference data the app role
 * reads). Suspended ones too: like the contract's pause, a suspension never traps funds.
 */
export async function allTenantIds(tx: Transaction<Database>): Promise<string[]> {
  const rows = await tx.selectFrom('tenants').select('id').orderBy('id').execute();
  return rows.map((r) => r.id);
}

export async function investmentDecimals(t: TenantTx, ids: string[]): Promise<Map<string, number>> {
  if (!ids.length) return new Map();
  const rows = await t.tx.selectFrom('investments').select(['id', 'currency_decimals']).where('tenant_id', '=', t.tenantId).where('id', 'in', ids).execute();
  return new Map(rows.map((r) => [r.id, r.currency_decimals]));
}

export type PendingDecision = Pick<EscrowRow, 'pending_action' | 'pending_actor_id' | 'pending_actor_role' | 'pending_note' | 'pending_reason_code' | 'pending_deadline' | 'pending_requested_at' | 'pending_tx_id'>;

export function pendingDecisionOf(e: EscrowRow): PendingDecision {
  const { pending_action, pending_actor_id, pending_actor_role, pending_note, pending_reason_code, pending_deadline, pending_requested_at, pending_tx_id } = e;
  return { pending_action, pending_actor_id, pending_actor_role, pending_note, pending_reason_code, pending_deadline, pending_requested_at, pending_tx_id };
}

/** The chain carried out the recorded decision (cleared), or a reorg took it back (restored). */
export async function setPendingDecision(t: TenantTx, id: string, p: PendingDecision | null): Promise<void> {
  const cleared: PendingDecision = { pending_action: null, pending_actor_id: null, pending_actor_role: null, pending_note: null, pending_reason_code: null, pending_deadline: null, pending_requested_at: null, pending_tx_id: null };
  await t.tx.updateTable('escrow_investments').set(p ?? cleared).where('tenant_id', '=', t.tenantId).where('id', '=', id).execute();
}

/** Records an on-chain decision once: only while none is pending. Returns whether it was recorded. */
export async function recordPendingDecision(t: TenantTx, id: string, p: PendingDecision): Promise<boolean> {
  const r = await t.tx
    .updateTable('escrow_investments')
    .set({ ...p, updated_at: p.pending_requested_at ?? new Date() })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .where('status', '=', 'held')
    .where('pending_action', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

/** Held on-chain escrows past their on-chain deadline with nothing pending: the sweep refunds them by timeout. */
export async function chainEscrowsPastDeadline(t: TenantTx, now: Date, limit: number): Promise<EscrowRow[]> {
  return t.tx
    .selectFrom('escrow_investments')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('status', '=', 'held')
    .where('escrow_address', 'is not', null)
    .where('pending_action', 'is', null)
    .where('deadline_admin', '<', now)
    .orderBy('deadline_admin')
    .limit(limit)
    .execute();
}

/** An escrow funded on chain that no reservation matched (the indexer's row; the app role only reads it). */
export async function findUnmatchedEscrow(t: TenantTx, id: string) {
  return t.tx.selectFrom('chain_unmatched_escrows').selectAll().where('tenant_id', '=', t.tenantId).where('id', '=', id).executeTakeFirst();
}

/** The held escrow of one investment, locked, if any. */
export async function heldEscrowOfInvestment(t: TenantTx, investmentId: string): Promise<EscrowRow | undefined> {
  return t.tx
    .selectFrom('escrow_investments')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('investment_id', '=', investmentId)
    .where('status', '=', 'held')
    .forUpdate()
    .executeTakeFirst();
}

/** Held on-chain escrows whose on-chain decision deadline falls within `leadMs` and can still be extended. */
export async function chainEscrowsNearDeadline(t: TenantTx, now: Date, leadMs: number, limit: number): Promise<EscrowRow[]> {
  return t.tx
    .selectFrom('escrow_investments')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('status', '=', 'held')
    .where('escrow_address', 'is not', null)
    .where('pending_action', 'is', null)
    .where('deadline_admin', '>=', now)
    .where('deadline_admin', '<=', new Date(now.getTime() + leadMs))
    .where((eb) => eb('deadline_admin', '<', eb.ref('expires_at')))
    .orderBy('deadline_admin')
    .limit(limit)
    .execute();
}
