// SQL of the transaction manager. The queue functions take any Kysely handle: a tenant's
// withTenant transaction (RLS: its own rows) or the owner's withChainSystem transaction.
import type { Kysely } from 'kysely';
import type { ChainSignerRole, ChainTxStatus, Database } from '../../db/types';

type Db = Kysely<Database>;

export type NewChainTx = {
  id: string;
  tenantId: string;
  chainId: number;
  from: string;
  signerRole: ChainSignerRole;
  to: string | null;
  data: string;
  value?: bigint;
  purpose: string;
  referenceType: 'escrow' | 'deal' | 'tenant' | 'platform' | 'staking_pool' | 'lending_pool' | 'asset' | 'identity_registry';
  referenceId: string;
  dedupeKey: string;
  createdBy: string | null;
};

export type ChainTxRow = Awaited<ReturnType<typeof findTx>> & {};

/** Inserts once per (chain, dedupe key); returns the row, new or existing. */
export async function insertTxOnce(db: Db, t: NewChainTx): Promise<NonNullable<ChainTxRow>> {
  await db
    .insertInto('chain_transactions')
    .values({
      id: t.id,
      tenant_id: t.tenantId,
      chain_id: t.chainId,
      from_address: t.from.toLowerCase(),
      signer_role: t.signerRole,
      to_address: t.to?.toLowerCase() ?? null,
      data: t.data.toLowerCase(),
      value: (t.value ?? 0n).toString(),
      purpose: t.purpose,
      reference_type: t.referenceType,
      reference_id: t.referenceId,
      dedupe_key: t.dedupeKey,
      next_attempt_at: new Date(),
      created_by: t.createdBy,
    })
    .onConflict((oc) => oc.columns(['tenant_id', 'chain_id', 'dedupe_key']).doNothing())
    .execute();
  const row = await db.selectFrom('chain_transactions').selectAll().where('tenant_id', '=', t.tenantId).where('chain_id', '=', String(t.chainId)).where('dedupe_key', '=', t.dedupeKey).executeTakeFirst();
  if (!row) throw new Error(`chain transaction ${t.dedupeKey} is not visible after insert`);
  return row;
}

export async function findTx(db: Db, id: string) {
  return db.selectFrom('chain_transactions').selectAll().where('id', '=', id).executeTakeFirst();
}

export async function lockTx(db: Db, id: string) {
  return db.selectFrom('chain_transactions').selectAll().where('id', '=', id).forUpdate().executeTakeFirst();
}

/** Signers with work on a chain: queued rows due now, or sent rows waiting for a receipt. */
export async function signersWithWork(db: Db, chainId: number, now: Date): Promise<string[]> {
  const rows = await db
    .selectFrom('chain_transactions')
    .select('from_address')
    .distinct()
    .where('chain_id', '=', String(chainId))
    .where((eb) => eb.or([eb('status', '=', 'sent'), eb.and([eb('status', '=', 'queued'), eb('next_attempt_at', '<=', now)])]))
    .execute();
  return rows.map((r) => r.from_address);
}

export async function chainsWithWork(db: Db): Promise<number[]> {
  const rows = await db.selectFrom('chain_transactions').select('chain_id').distinct().where('status', 'in', ['queued', 'sent']).execute();
  return rows.map((r) => Number(r.chain_id));
}

export async function sentTxsOf(db: Db, chainId: number, from: string) {
  return db.selectFrom('chain_transactions').selectAll().where('chain_id', '=', String(chainId)).where('from_address', '=', from).where('status', '=', 'sent').orderBy('nonce').execute();
}

/** The next queued transaction of a signer, locked; skipped when another worker holds it. */
export async function lockNextQueued(db: Db, chainId: number, from: string, now: Date) {
  return db
    .selectFrom('chain_transactions')
    .selectAll()
    .where('chain_id', '=', String(chainId))
    .where('from_address', '=', from)
    .where('status', '=', 'queued')
    .where('next_attempt_at', '<=', now)
    .orderBy('created_at')
    .orderBy('id')
    .limit(1)
    .forUpdate()
    .skipLocked()
    .executeTakeFirst();
}

export async function attemptsOf(db: Db, txId: string) {
  return db.selectFrom('chain_transaction_attempts').selectAll().where('transaction_id', '=', txId).orderBy('attempt').execute();
}

/** Reserves the signer's next nonce: at least what the chain reports as pending. Row-locked until commit. */
export async function reserveNonce(db: Db, chainId: number, address: string, chainPending: number): Promise<number> {
  await db
    .insertInto('chain_nonces')
    .values({ chain_id: chainId, address, next_nonce: chainPending, updated_at: new Date() })
    .onConflict((oc) => oc.columns(['chain_id', 'address']).doNothing())
    .execute();
  const row = await db.selectFrom('chain_nonces').select('next_nonce').where('chain_id', '=', String(chainId)).where('address', '=', address).forUpdate().executeTakeFirstOrThrow();
  const nonce = Math.max(Number(row.next_nonce), chainPending);
  await db.updateTable('chain_nonces').set({ next_nonce: nonce + 1, updated_at: new Date() }).where('chain_id', '=', String(chainId)).where('address', '=', address).execute();
  return nonce;
}

export async function insertAttempt(
  db: Db,
  a: { id: string; txId: string; tenantId: string; attempt: number; hash: string; raw: string; nonce: number; maxFeePerGas: bigint; maxPriorityFeePerGas: bigint; gasLimit: bigint },
): Promise<void> {
  await db
    .insertInto('chain_transaction_attempts')
    .values({
      id: a.id,
      transaction_id: a.txId,
      tenant_id: a.tenantId,
      attempt: a.attempt,
      tx_hash: a.hash.toLowerCase(),
      raw_tx: a.raw.toLowerCase(),
      nonce: a.nonce,
      max_fee_per_gas: a.maxFeePerGas.toString(),
      max_priority_fee_per_gas: a.maxPriorityFeePerGas.toString(),
      gas_limit: a.gasLimit.toString(),
    })
    .execute();
}

export async function markBroadcast(db: Db, attemptId: string, block: bigint): Promise<void> {
  await db.updateTable('chain_transaction_attempts').set({ broadcast_at: new Date(), broadcast_block: block.toString() }).where('id', '=', attemptId).execute();
}

export async function updateTx(
  db: Db,
  id: string,
  set: Partial<{
    status: ChainTxStatus;
    nonce: number | null;
    gas_limit: string | null;
    attempt_count: number;
    failure_count: number;
    next_attempt_at: Date;
    tx_hash: string | null;
    receipt_status: 'success' | 'reverted' | null;
    block_number: string | null;
    block_hash: string | null;
    gas_used: string | null;
    effective_gas_price: string | null;
    contract_address: string | null;
    last_error: string | null;
    sent_at: Date | null;
    mined_at: Date | null;
  }>,
): Promise<void> {
  await db.updateTable('chain_transactions').set({ ...set, updated_at: new Date() }).where('id', '=', id).execute();
}

// ---------------------------------------------------------------- admin views (tenant path: RLS + explicit filter)

export async function listTenantTxs(db: Db, tenantId: string, q: { status?: ChainTxStatus; limit: number; id?: string }) {
  let query = db.selectFrom('chain_transactions').selectAll().where('tenant_id', '=', tenantId);
  if (q.status) query = query.where('status', '=', q.status);
  if (q.id) query = query.where('id', '=', q.id);
  return query.orderBy('created_at', 'desc').limit(q.limit).execute();
}

export async function listAllTxs(db: Db, q: { status?: ChainTxStatus; limit: number }) {
  let query = db.selectFrom('chain_transactions').selectAll();
  if (q.status) query = query.where('status', '=', q.status);
  return query.orderBy('created_at', 'desc').limit(q.limit).execute();
}

export async function attemptsOfMany(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('chain_transaction_attempts').selectAll().where('transaction_id', 'in', ids).orderBy('attempt').execute();
}

/** A failed transaction goes back in the queue; anything else is left alone (returns false). */
export async function requeueFailed(db: Db, tenantId: string, id: string, now: Date): Promise<boolean> {
  const r = await db
    .updateTable('chain_transactions')
    .set({ status: 'queued', failure_count: 0, next_attempt_at: now, last_error: null, updated_at: now })
    .where('tenant_id', '=', tenantId)
    .where('id', '=', id)
    .where('status', '=', 'failed')
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}

export async function txExists(db: Db, tenantId: string, id: string): Promise<boolean> {
  return !!(await db.selectFrom('chain_transactions').select('id').where('tenant_id', '=', tenantId).where('id', '=', id).executeTakeFirst());
}


export async function openAmong(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('chain_transactions').select(['id', 'status']).where('id', 'in', ids).where('status', 'in', ['queued', 'sent']).execute();
}

export async function findTxs(db: Db, ids: string[]) {
  if (ids.length === 0) return [];
  return db.selectFrom('chain_transactions').selectAll().where('id', 'in', ids).execute();
}
