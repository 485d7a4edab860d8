// SQL of the chain indexer: its cursor, block window, raw events, the registry of the
// platform's contracts (the subjects of registering events), unmatched escrows and the
// webhook's replay guard.
import { sql, type Kysely } from 'kysely';
import type { TenantTx } from '../../db/tenant';
import type { Database } from '../../db/types';
import { uuidv7 } from '../../ids';
import type { ContractKind } from './events';
import { findAssetTokens } from '../../assets/repo';

type Db = Kysely<Database>;

export type Cursor = { blockNumber: bigint; blockHash: string | null };

/** Locks the chain's cursor row for this batch (creating it at `start` the first time). */
export async function lockCursor(tx: Db, chainId: number, start: bigint): Promise<Cursor> {
  await tx.insertInto('chain_cursors').values({ chain_id: chainId, block_number: start.toString(), block_hash: null }).onConflict((oc) => oc.column('chain_id').doNothing()).execute();
  const row = await tx.selectFrom('chain_cursors').select(['block_number', 'block_hash']).where('chain_id', '=', String(chainId)).forUpdate().executeTakeFirstOrThrow();
  return { blockNumber: BigInt(row.block_number), blockHash: row.block_hash };
}

export async function readCursor(db: Db, chainId: number): Promise<Cursor | null> {
  const row = await db.selectFrom('chain_cursors').select(['block_number', 'block_hash']).where('chain_id', '=', String(chainId)).executeTakeFirst();
  return row ? { blockNumber: BigInt(row.block_number), blockHash: row.block_hash } : null;
}

export async function writeCursor(tx: Db, chainId: number, c: { blockNumber: bigint; blockHash: string; head: bigint | null; at: Date }): Promise<void> {
  await tx
    .updateTable('chain_cursors')
    .set({ block_number: c.blockNumber.toString(), block_hash: c.blockHash, ...(c.head !== null ? { head_block: c.head.toString() } : {}), last_batch_at: c.at, updated_at: c.at })
    .where('chain_id', '=', String(chainId))
    .execute();
}

/**
 * Takes or renews the chain's leader lease for `holder` until now + ttlMs: granted when nobody
 * holds it, the holder is this process, or the last holder's lease ran out. One statement, so
 * two processes asking at once never both win. Answers whether `holder` leads now.
 */
export async function claimLeadership(db: Db, chainId: number, holder: string, ttlMs: number): Promise<boolean> {
  const r = await sql<{ holder: string }>`
    insert into chain_indexer_leases as l (chain_id, holder, acquired_at, expires_at)
    values (${String(chainId)}, ${holder}, now(), now() + ${ttlMs} * interval '1 millisecond')
    on conflict (chain_id) do update set
      holder = excluded.holder,
      acquired_at = case when l.holder = excluded.holder then l.acquired_at else now() end,
      expires_at = excluded.expires_at
    where l.holder = excluded.holder or l.expires_at < now()
    returning l.holder`.execute(db);
  return r.rows.length === 1;
}

/** Gives the lease up (a clean stop), so another process takes over at once. */
export async function releaseLeadership(db: Db, chainId: number, holder: string): Promise<void> {
  await db.deleteFrom('chain_indexer_leases').where('chain_id', '=', String(chainId)).where('holder', '=', holder).execute();
}

/** Who leads the chain's indexing now, if anyone (tests, the health page). */
export async function currentLeader(db: Db, chainId: number): Promise<string | null> {
  const row = await db.selectFrom('chain_indexer_leases').select('holder').where('chain_id', '=', String(chainId)).where('expires_at', '>', sql<Date>`now()`).executeTakeFirst();
  return row?.holder ?? null;
}

/** The head the indexer saw, for the lag, without moving the cursor. */
export async function recordHead(db: Db, chainId: number, head: bigint): Promise<void> {
  await db.updateTable('chain_cursors').set({ head_block: head.toString(), updated_at: new Date() }).where('chain_id', '=', String(chainId)).execute();
}

export type BlockRow = { number: bigint; hash: string; parentHash: string; time: Date };

export async function insertBlocks(tx: Db, chainId: number, blocks: BlockRow[]): Promise<void> {
  if (!blocks.length) return;
  await tx
    .insertInto('chain_blocks')
    .values(blocks.map((b) => ({ chain_id: chainId, block_number: b.number.toString(), block_hash: b.hash, parent_hash: b.parentHash, block_time: b.time })))
    .onConflict((oc) => oc.columns(['chain_id', 'block_number']).doUpdateSet((eb) => ({ block_hash: eb.ref('excluded.block_hash'), parent_hash: eb.ref('excluded.parent_hash'), block_time: eb.ref('excluded.block_time') })))
    .execute();
}

/** Stored blocks at or below a height, newest first: the candidates for the fork point. */
export async function storedBlocksDesc(tx: Db, chainId: number, atOrBelow: bigint, limit: number): Promise<{ number: bigint; hash: string }[]> {
  const rows = await tx
    .selectFrom('chain_blocks')
    .select(['block_number', 'block_hash'])
    .where('chain_id', '=', String(chainId))
    .where('block_number', '<=', atOrBelow.toString())
    .orderBy('block_number', 'desc')
    .limit(limit)
    .execute();
  return rows.map((r) => ({ number: BigInt(r.block_number), hash: r.block_hash }));
}

/** Keeps the newest `keep` stored blocks of the chain. */
export async function pruneBlocks(tx: Db, chainId: number, below: bigint): Promise<void> {
  await tx.deleteFrom('chain_blocks').where('chain_id', '=', String(chainId)).where('block_number', '<', below.toString()).execute();
}

export async function deleteBlocksAfter(tx: Db, chainId: number, block: bigint): Promise<void> {
  await tx.deleteFrom('chain_blocks').where('chain_id', '=', String(chainId)).where('block_number', '>', block.toString()).execute();
}

export type NewChainEvent = {
  tenantId: string | null;
  chainId: number;
  blockNumber: bigint;
  blockHash: string;
  blockTime: Date;
  txHash: string;
  logIndex: number;
  address: string;
  name: string;
  args: Record<string, unknown>;
  subjectKind: Exclude<ContractKind, 'escrowFactory'> | null;
  subject: string | null;
};

/** Keys (`${tx}:${logIndex}`) of the events already stored in a block range (a batch read again after a race). */
export async function storedEventKeys(tx: Db, chainId: number, from: bigint, to: bigint): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('chain_events')
    .select(['tx_hash', 'log_index'])
    .where('chain_id', '=', String(chainId))
    .where('block_number', '>=', from.toString())
    .where('block_number', '<=', to.toString())
    .execute();
  return new Set(rows.map((r) => `${r.tx_hash}:${r.log_index}`));
}

/**
 * Inserts a batch's raw events with their effects (undo records), in one statement; each
 * (chain, tx, log index) once. The rows travel as one JSON document (serialised natively,
 * parsed by the server in C) rather than fourteen parameter arrays.
 */
export async function insertChainEvents(tx: Db, events: (NewChainEvent & { id: string; effects: unknown[] })[]): Promise<void> {
  if (!events.length) return;
  const rows = JSON.stringify(
    events.map((e) => ({
      id: e.id,
      tenant_id: e.tenantId,
      chain_id: e.chainId,
      block_number: e.blockNumber.toString(),
      block_hash: e.blockHash,
      block_time: e.blockTime.toISOString(),
      tx_hash: e.txHash,
      log_index: e.logIndex,
      address: e.address,
      event_name: e.name,
      args: e.args,
      subject_kind: e.subjectKind,
      subject: e.subject,
      effects: e.effects,
    })),
  );
  await sql`
    insert into chain_events (id, tenant_id, chain_id, block_number, block_hash, block_time, tx_hash, log_index, address, event_name, args, subject_kind, subject, effects)
    select id, tenant_id, chain_id, block_number, block_hash, block_time, tx_hash, log_index, address, event_name, args, subject_kind, subject, effects
    from jsonb_to_recordset(${rows}::jsonb) as r(id uuid, tenant_id uuid, chain_id bigint, block_number bigint, block_hash text, block_time timestamptz, tx_hash text,
      log_index int, address text, event_name text, args jsonb, subject_kind text, subject text, effects jsonb)
    on conflict (chain_id, tx_hash, log_index) do nothing`.execute(tx);
}

/** Events written past a block, newest first: what a rewind undoes, in reverse order. */
export async function eventsAfter(tx: Db, chainId: number, block: bigint) {
  return tx
    .selectFrom('chain_events')
    .select(['id', 'tenant_id', 'tx_hash', 'log_index', 'event_name', 'effects', 'block_number'])
    .where('chain_id', '=', String(chainId))
    .where('block_number', '>', block.toString())
    .orderBy('block_number', 'desc')
    .orderBy('log_index', 'desc')
    .execute();
}

export async function deleteEventsAfter(tx: Db, chainId: number, block: bigint): Promise<number> {
  const r = await tx.deleteFrom('chain_events').where('chain_id', '=', String(chainId)).where('block_number', '>', block.toString()).executeTakeFirst();
  return Number(r.numDeletedRows);
}

export type Subject = { kind: Exclude<ContractKind, 'escrowFactory'>; tenantId: string | null };

/** Which of these addresses the platform's contracts created, as what, for which tenant. */
export async function findSubjects(tx: Db, chainId: number, addresses: string[]): Promise<Map<string, Subject>> {
  const found = new Map<string, Subject>();
  if (!addresses.length) return found;
  const rows = await tx
    .selectFrom('chain_events')
    .select(['subject', 'subject_kind', 'tenant_id'])
    .where('chain_id', '=', String(chainId))
    .where('subject', 'in', addresses)
    .execute();
  for (const r of rows) if (r.subject && r.subject_kind) found.set(r.subject, { kind: r.subject_kind, tenantId: r.tenant_id });
  // Asset tokens are deployed by the platform itself (no registering event): their assets rows name them.
  const rest = addresses.filter((a) => !found.has(a));
  for (const [address, tenantId] of await findAssetTokens(tx, chainId, rest)) found.set(address, { kind: 'assetToken', tenantId });
  return found;
}

export async function tenantExists(tx: Db, tenantId: string): Promise<boolean> {
  return !!(await tx.selectFrom('tenants').select('id').where('id', '=', tenantId).executeTakeFirst());
}

// ---- unmatched escrows (tenant rows)

/** Escrows no reservation matched; returns escrow address -> id for the rows new in this call. `amount` is in token base units. */
export async function insertUnmatchedEscrows(
  t: TenantTx,
  rows: { chainId: number; escrow: string; sale: string; investor: string; token: string; amount: string; dealId: string | null; txHash: string; blockNumber: bigint; at: Date }[],
): Promise<Map<string, string>> {
  if (!rows.length) return new Map();
  const r = await t.tx
    .insertInto('chain_unmatched_escrows')
    .values(
      rows.map((u) => ({
        tenant_id: t.tenantId,
        id: uuidv7(u.at.getTime()),
        chain_id: u.chainId,
        escrow_address: u.escrow,
        sale_address: u.sale,
        investor_address: u.investor,
        token_address: u.token,
        amount: u.amount,
        deal_id: u.dealId,
        tx_hash: u.txHash,
        block_number: u.blockNumber.toString(),
      })),
    )
    .onConflict((oc) => oc.columns(['tenant_id', 'chain_id', 'escrow_address']).doNothing())
    .returning(['id', 'escrow_address'])
    .execute();
  return new Map(r.map((x) => [x.escrow_address, x.id]));
}

export async function findUnmatchedForUpdate(t: TenantTx, chainId: number, escrow: string) {
  return t.tx
    .selectFrom('chain_unmatched_escrows')
    .selectAll()
    .where('tenant_id', '=', t.tenantId)
    .where('chain_id', '=', String(chainId))
    .where('escrow_address', '=', escrow)
    .forUpdate()
    .executeTakeFirst();
}

export async function setUnmatchedStatus(t: TenantTx, id: string, status: 'open' | 'released' | 'refunded', closedTx: string | null): Promise<void> {
  await t.tx.updateTable('chain_unmatched_escrows').set({ status, closed_tx_hash: closedTx }).where('tenant_id', '=', t.tenantId).where('id', '=', id).execute();
}

export async function deleteUnmatched(t: TenantTx, id: string): Promise<void> {
  await t.tx.deleteFrom('chain_unmatched_escrows').where('tenant_id', '=', t.tenantId).where('id', '=', id).execute();
}

export async function listUnmatchedEscrows(t: TenantTx, limit: number) {
  return t.tx.selectFrom('chain_unmatched_escrows').selectAll().where('tenant_id', '=', t.tenantId).orderBy('created_at', 'desc').limit(limit).execute();
}

/** The deals whose sales these are (lower-case sale address -> deal). */
export async function dealsBySaleAddresses(t: TenantTx, sales: string[]): Promise<Map<string, { id: string; currency: string }>> {
  if (!sales.length) return new Map();
  const rows = await t.tx
    .selectFrom('deals')
    .select(['id', 'currency', sql<string>`lower(sale_address)`.as('sale')])
    .where('tenant_id', '=', t.tenantId)
    .where(sql<string>`lower(sale_address)`, 'in', sales.map((s) => s.toLowerCase()))
    .execute();
  return new Map(rows.map((r) => [r.sale, { id: r.id, currency: r.currency }]));
}

// ---- rows written from a log, and the pools the tenant factory creates

/** A log's identity and time, as every row the indexer writes from it carries them (a reorg deletes by chain, tx hash and log index). */
export type ChainLog = { chainId: number; txHash: string; logIndex: number; blockNumber: bigint; at: Date };

export function logColumns(log: ChainLog) {
  return { chain_id: log.chainId, tx_hash: log.txHash, log_index: log.logIndex, block_number: log.blockNumber, block_time: log.at };
}

/** Pools a tenant asks the tenant factory for: a pending row whose creation event activates it at its address. */
export type FactoryPoolTable = 'staking_pools' | 'lending_pools';

/** The creation event: the pending pool of that id on the log's chain becomes active at its address. Returns the pool's id, or null when no pending pool of this chain has the id. */
export async function activateFactoryPool(t: TenantTx, table: FactoryPoolTable, id: string, address: string, log: ChainLog): Promise<string | null> {
  const r = await t.tx
    .updateTable(table)
    .set({ status: 'active', pool_address: address.toLowerCase(), created_tx_hash: log.txHash, created_log_index: log.logIndex, activated_at: log.at })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .where('chain_id', '=', String(log.chainId))
    .where('status', '=', 'pending')
    .returning('id')
    .executeTakeFirst();
  return r?.id ?? null;
}

/** A reorg took the creation event back: the pool is pending again. */
export async function deactivateFactoryPool(t: TenantTx, table: FactoryPoolTable, id: string): Promise<void> {
  await t.tx
    .updateTable(table)
    .set({ status: 'pending', pool_address: null, created_tx_hash: null, created_log_index: null, activated_at: null })
    .where('tenant_id', '=', t.tenantId)
    .where('id', '=', id)
    .execute();
}

/** The tenant's pool at this address on this chain, if the platform created one there. */
export async function factoryPoolIdByAddress(t: TenantTx, table: FactoryPoolTable, chainId: number, address: string): Promise<string | null> {
  const r = await t.tx
    .selectFrom(table)
    .select('id')
    .where('tenant_id', '=', t.tenantId)
    .where('chain_id', '=', String(chainId))
    .where('pool_address', '=', address.toLowerCase())
    .executeTakeFirst();
  return r?.id ?? null;
}

// ---- lag

export async function listCursors(db: Db) {
  return db.selectFrom('chain_cursors').select(['chain_id', 'block_number', 'head_block', 'last_batch_at', 'updated_at']).orderBy('chain_id').execute();
}

// ---- webhook replay guard

/** Records a notification's signature once; false when it was seen before (a replay). */
export async function recordWebhookReceipt(tx: Db, signature: string, chainId: number): Promise<boolean> {
  const row = await tx
    .insertInto('chain_webhook_receipts')
    .values({ signature, chain_id: chainId })
    .onConflict((oc) => oc.column('signature').doNothing())
    .returning('signature')
    .executeTakeFirst();
  return !!row;
}

/** Receipts older than the timestamp tolerance can no longer be replayed: a stale one is refused anyway. */
export async function pruneWebhookReceipts(tx: Db, before: Date): Promise<void> {
  await tx.deleteFrom('chain_webhook_receipts').where('received_at', '<', before).execute();
}
