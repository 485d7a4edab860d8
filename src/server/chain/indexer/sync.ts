// The indexer's loop for one chain: read finalized ranges with eth_getLogs, write each batch
// (raw events, their effects on tenant rows, blocks, cursor) in one database transaction, and
// rewind past a fork before going on. A crash loses at most the batch in flight, which the
// next run reads again from the cursor; (chain, tx hash, log index) is unique, so nothing is
// applied twice.
import { numberToHex, type Hex, type PublicClient } from 'viem';
import { withIndexer, indexerRead, type IndexerTx } from '../../db/indexer';
import { uuidv7 } from '../../ids';
import { audit } from '../../audit/service';
import { NO_REQUEST } from '../../escrow/movements';
import { applyAssetTokenEvent } from '../../assets/chain-effects';
import { applyLendingPoolCreated, applyLendingPoolEvent } from '../../lending/chain-effects';
import { applyStakingPoolCreated, applyStakingPoolEvent } from '../../staking/chain-effects';
import { applyEscrowOutcome, applyEscrowsCreated, undoEffects, type CreatedEscrow, type Effect } from './effects';
import { decodeLog, FOLLOWED_TOPICS, tenantUuidOf, type ContractKind, type DecodedEvent } from './events';
import {
  deleteBlocksAfter,
  deleteEventsAfter,
  eventsAfter,
  findSubjects,
  insertBlocks,
  insertChainEvents,
  lockCursor,
  pruneBlocks,
  readCursor,
  recordHead,
  storedEventKeys,
  storedBlocksDesc,
  tenantExists,
  writeCursor,
  type BlockRow,
  type Cursor,
  type NewChainEvent,
  type Subject,
} from './repo';

export type IndexedChain = {
  chainId: number;
  client: PublicClient;
  /** A block with this many confirmations (itself included) is final: the head at 1. */
  confirmations: number;
  /** The platform's EscrowFactory address(es) on this chain: the root of everything it accepts. */
  escrowFactories: string[];
  /** First block to read when the chain has no cursor yet (the system's deployment block). */
  startBlock: bigint;
  /** Blocks per eth_getLogs (and per database transaction). */
  batchBlocks?: bigint;
  /** Recent block hashes kept to find a fork point. */
  blockWindow?: number;
  /** Pause after each written event: only so tests can SIGKILL a batch half-way. */
  slowMs?: number;
  log?: (m: string) => void;
};

type RawLog = { address: Hex; topics: Hex[]; data: Hex; blockNumber: Hex; blockHash: Hex; transactionHash: Hex; logIndex: Hex; blockTimestamp?: Hex; removed?: boolean };

export type StepResult = 'caught_up' | 'batch' | 'rewound' | 'raced';

/** Contracts the platform created, by address, per chain; cleared whenever a rewind may have removed one. */
const registries = new Map<number, Map<string, Subject>>();
const registryOf = (chainId: number) => {
  let r = registries.get(chainId);
  if (!r) registries.set(chainId, (r = new Map()));
  return r;
};
const knownTenants = new Set<string>();

const lower = (s: string) => s.toLowerCase();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function header(client: PublicClient, n: bigint): Promise<BlockRow | null> {
  const b = await client.getBlock({ blockNumber: n }).catch(() => null);
  if (!b || b.hash === null) return null;
  return { number: n, hash: lower(b.hash), parentHash: lower(b.parentHash), time: new Date(Number(b.timestamp) * 1000) };
}

/** Catches the chain up to its finalized head, synchronously (the seed, tests, the webhook). */
export async function syncChainOnce(chain: IndexedChain): Promise<{ batches: number; rewinds: number }> {
  let batches = 0;
  let rewinds = 0;
  for (;;) {
    const r = await syncStep(chain);
    if (r === 'caught_up') return { batches, rewinds };
    if (r === 'batch') batches++;
    if (r === 'rewound') rewinds++;
  }
}

/** One step: a rewind, one batch, or nothing when caught up. */
export async function syncStep(chain: IndexedChain): Promise<StepResult> {
  const { client, chainId } = chain;
  const head = await client.getBlockNumber({ cacheTime: 0 });
  const target = head - BigInt(Math.max(chain.confirmations, 1) - 1);
  const cursor: Cursor = (await indexerRead((db) => readCursor(db, chainId))) ?? { blockNumber: chain.startBlock - 1n, blockHash: null };

  if (cursor.blockHash) {
    const at = await header(client, cursor.blockNumber);
    if (!at || at.hash !== cursor.blockHash) return rewind(chain, cursor);
  }
  if (cursor.blockNumber >= target) {
    await indexerRead((db) => recordHead(db, chainId, head));
    return 'caught_up';
  }

  // The range read ahead while the previous batch was written, if it starts right after the
  // cursor (same height, hanging off the same block hash) and is final at this head.
  const pending = aheadOf.get(chainId);
  aheadOf.delete(chainId);
  const pre = pending ? await pending : null;
  const fits = pre && pre.from === cursor.blockNumber + 1n && pre.parentHash === cursor.blockHash && pre.end.number <= target;
  const range = fits ? pre : await readRange(chain, cursor, target);
  if (range === 'raced') return 'raced';
  if (range === 'forked') return rewind(chain, cursor);
  // Read the next range (network and decoding) while this one is written; used only if it still fits then.
  if (range.end.number < target) aheadOf.set(chainId, readRange(chain, { blockNumber: range.end.number, blockHash: range.end.hash }, target).then((r) => (typeof r === 'string' ? null : r), () => null));
  return writeBatch(chain, cursor, range, head);
}

/** A range of final blocks read from the node: its logs (each decoded for the kind its emitter was known as then), their blocks, its last block. */
type Range = { from: bigint; parentHash: string | null; logs: (RawLog & { pre?: { kind: ContractKind; decoded: DecodedEvent | null } })[]; blocks: Map<bigint, BlockRow>; end: BlockRow };

/** Ranges read ahead, per chain: at most one, taken (and checked against the cursor) by the next step. */
const aheadOf = new Map<number, Promise<Range | null>>();

async function readRange(chain: IndexedChain, cursor: Cursor, target: bigint): Promise<Range | 'raced' | 'forked'> {
  const { client } = chain;
  const from = cursor.blockNumber + 1n;
  const to = from + (chain.batchBlocks ?? 500n) - 1n < target ? from + (chain.batchBlocks ?? 500n) - 1n : target;
  const logs = (await client.request({
    method: 'eth_getLogs',
    params: [{ fromBlock: numberToHex(from), toBlock: numberToHex(to), topics: [FOLLOWED_TOPICS] }],
  } as never)) as RawLog[];
  // Headers read after the logs: the range must still hang off the cursor, and the logs of its
  // last block must be that block's, or the chain moved under the read and the step starts over.
  const [first, last] = await Promise.all([header(client, from), from === to ? null : header(client, to)]);
  const end = last ?? first;
  if (!first || !end) return 'raced';
  if (cursor.blockHash && first.parentHash !== cursor.blockHash) return 'forked';
  if (logs.some((l) => BigInt(l.blockNumber) === to && lower(l.blockHash) !== end.hash)) return 'raced';
  // Decoding is pure: done here for the emitters known now, so that it overlaps the previous
  // batch's write; the write re-checks the kind and decodes again where it differs.
  const factories = new Set(chain.escrowFactories.map(lower));
  const registry = registryOf(chain.chainId);
  const decoded = logs.map((l) => {
    const address = lower(l.address);
    const kind: ContractKind | undefined = factories.has(address) ? 'escrowFactory' : registry.get(address)?.kind;
    return kind && !l.removed ? { ...l, pre: { kind, decoded: decodeLog(kind, l) } } : l;
  });
  const blocks = await blocksOf(client, logs, [first, end]);
  return { from, parentHash: cursor.blockHash, logs: decoded, blocks, end };
}

/** The blocks the batch's logs sit in (time and hash), from the logs where the node includes the time. */
async function blocksOf(client: PublicClient, logs: RawLog[], known: BlockRow[]): Promise<Map<bigint, BlockRow>> {
  const out = new Map<bigint, BlockRow>(known.map((b) => [b.number, b]));
  const missing: bigint[] = [];
  for (const l of logs) {
    const n = BigInt(l.blockNumber);
    if (out.has(n)) continue;
    if (l.blockTimestamp) out.set(n, { number: n, hash: lower(l.blockHash), parentHash: '', time: new Date(Number(BigInt(l.blockTimestamp)) * 1000) });
    else missing.push(n);
  }
  const unique = [...new Set(missing)];
  for (let i = 0; i < unique.length; i += 16) {
    const got = await Promise.all(unique.slice(i, i + 16).map((n) => header(client, n)));
    for (const b of got) if (b) out.set(b.number, b);
  }
  return out;
}

async function writeBatch(chain: IndexedChain, cursor: Cursor, range: Range, head: bigint): Promise<StepResult> {
  const { chainId } = chain;
  const { logs, blocks, end } = range;
  const factories = new Set(chain.escrowFactories.map(lower));
  const registry = registryOf(chainId);
  const added = new Map<string, Subject>();
  const result = await withIndexer(async (ix) => {
    const locked = await lockCursor(ix.tx, chainId, chain.startBlock - 1n);
    // Another worker (the webhook's sync, a second process) wrote this range first.
    if (locked.blockNumber !== cursor.blockNumber || locked.blockHash !== cursor.blockHash) return 'raced' as const;

    const unknown = [...new Set(logs.map((l) => lower(l.address)))].filter((a) => !factories.has(a) && !registry.has(a));
    const fromDb = await findSubjects(ix.tx, chainId, unknown);
    const subjectOf = (a: string) => added.get(a) ?? registry.get(a) ?? fromDb.get(a);

    // 1. Decode and attribute every log (no database work but the registry read above).
    const accepted: (NewChainEvent & { kind: ContractKind })[] = [];
    for (const raw of logs) {
      if (raw.removed) continue;
      const address = lower(raw.address);
      const kind: ContractKind | undefined = factories.has(address) ? 'escrowFactory' : subjectOf(address)?.kind;
      if (!kind) continue;
      const decoded = raw.pre?.kind === kind ? raw.pre.decoded : decodeLog(kind, raw);
      if (!decoded) continue;
      const { name, args } = decoded;

      let tenantId: string | null = kind === 'escrowFactory' ? tenantUuidOf(args.tenantId) : (subjectOf(address)?.tenantId ?? null);
      // A tenant factory speaks only for the tenant it was registered for.
      if (kind === 'tenantFactory' && tenantUuidOf(args.tenantId) !== tenantId) continue;
      if (tenantId && !knownTenants.has(tenantId)) {
        if (await tenantExists(ix.tx, tenantId)) knownTenants.add(tenantId);
        else tenantId = null;
      }
      const subject = subjectFrom(kind, name, args);
      if (subject) added.set(subject.address, { kind: subject.kind, tenantId });
      const blockNumber = BigInt(raw.blockNumber);
      accepted.push({
        kind,
        tenantId,
        chainId,
        blockNumber,
        blockHash: lower(raw.blockHash),
        blockTime: blocks.get(blockNumber)?.time ?? end.time,
        txHash: lower(raw.transactionHash),
        logIndex: Number(BigInt(raw.logIndex)),
        address,
        name,
        args,
        subjectKind: subject?.kind ?? null,
        subject: subject?.address ?? null,
      });
    }

    // 2. Once each: events of this range already stored (a batch read again) get no effects.
    //    The cursor row is locked, so nobody else writes this range meanwhile.
    const stored = await storedEventKeys(ix.tx, chainId, cursor.blockNumber + 1n, end.number);
    const fresh = accepted.filter((e) => !stored.has(`${e.txHash}:${e.logIndex}`)).map((e) => ({ ...e, id: uuidv7(), effects: [] as Effect[] }));

    // 3. Effects in log order: runs of EscrowCreated of one tenant in a few set-based statements,
    //    anything else (an escrow's outcome) one by one after the run before it.
    const byId = new Map(fresh.map((e) => [e.id, e]));
    let run: { tenantId: string; items: CreatedEscrow[] } | null = null;
    const flush = async () => {
      if (!run) return;
      const { tenantId, items } = run;
      run = null;
      for (const [id, e] of await ix.asTenant(tenantId, (t) => applyEscrowsCreated(t, items))) byId.get(id)!.effects = e;
    };
    for (const e of fresh) {
      if (!e.tenantId) continue;
      const log = { chainId, txHash: e.txHash, logIndex: e.logIndex, at: e.blockTime, blockNumber: e.blockNumber };
      if (e.kind === 'escrowFactory' && e.name === 'EscrowCreated') {
        if (run && (run as { tenantId: string }).tenantId !== e.tenantId) await flush();
        run ??= { tenantId: e.tenantId, items: [] };
        run.items.push({ eventId: e.id, args: e.args, log });
      } else if (e.kind === 'escrow') {
        await flush();
        const address = e.address;
        e.effects = await ix.asTenant(e.tenantId, (t) => applyEscrowOutcome(t, address, e.name, e.args, log));
      } else if (e.kind === 'tenantFactory' && e.name === 'StakingPoolCreated') {
        await flush();
        e.effects = await ix.asTenant(e.tenantId, (t) => applyStakingPoolCreated(t, e.args, log));
      } else if (e.kind === 'stakingPool') {
        await flush();
        const address = e.address;
        e.effects = await ix.asTenant(e.tenantId, (t) => applyStakingPoolEvent(t, address, e.name, e.args, log));
      } else if (e.kind === 'tenantFactory' && e.name === 'LendingPoolCreated') {
        await flush();
        e.effects = await ix.asTenant(e.tenantId, (t) => applyLendingPoolCreated(t, e.args, log));
      } else if (e.kind === 'lendingPool') {
        await flush();
        const address = e.address;
        e.effects = await ix.asTenant(e.tenantId, (t) => applyLendingPoolEvent(t, address, e.name, e.args, log));
      } else if (e.kind === 'assetToken') {
        await flush();
        const address = e.address;
        e.effects = await ix.asTenant(e.tenantId, (t) => applyAssetTokenEvent(t, address, e.name, e.args, log));
      }
      if (chain.slowMs) await sleep(chain.slowMs);
    }
    await flush();
    // 4. The raw events with their undo records.
    await insertChainEvents(ix.tx, fresh);

    await insertBlocks(ix.tx, chainId, [...blocks.values()].filter((b) => b.parentHash !== '' || b.number === end.number));
    await writeCursor(ix.tx, chainId, { blockNumber: end.number, blockHash: end.hash, head, at: new Date() });
    await pruneBlocks(ix.tx, chainId, end.number - BigInt(chain.blockWindow ?? 256));
    return 'batch' as const;
  });
  if (result === 'batch') for (const [a, s] of added) registry.set(a, s);
  return result;
}

/** The contract a registering event brings in. */
function subjectFrom(kind: ContractKind, name: string, args: Record<string, unknown>): { kind: Subject['kind']; address: string } | null {
  if (kind === 'escrowFactory' && name === 'EscrowCreated') return { kind: 'escrow', address: String(args.escrow) };
  if (kind === 'escrowFactory' && name === 'TenantFactoryRegistered') return { kind: 'tenantFactory', address: String(args.factory) };
  if (kind === 'tenantFactory' && name === 'SaleCreated') return { kind: 'sale', address: String(args.sale) };
  if (kind === 'tenantFactory' && name === 'PoolCreated') return { kind: 'pool', address: String(args.pool) };
  if (kind === 'tenantFactory' && name === 'StakingPoolCreated') return { kind: 'stakingPool', address: String(args.pool) };
  if (kind === 'tenantFactory' && name === 'LendingPoolCreated') return { kind: 'lendingPool', address: String(args.pool) };
  return null;
}

/**
 * The cursor's block is no longer on the chain: find the newest stored block that still is
 * (the fork point) and take back, in one transaction, everything written past it.
 */
async function rewind(chain: IndexedChain, cursor: Cursor): Promise<StepResult> {
  const { chainId, client } = chain;
  const window = chain.blockWindow ?? 256;
  const stored = await indexerRead((db) => storedBlocksDesc(db, chainId, cursor.blockNumber, window));
  let fork: { number: bigint; hash: string } | null = null;
  for (const b of stored) {
    const onChain = await header(client, b.number);
    if (onChain && onChain.hash === b.hash) {
      fork = b;
      break;
    }
  }
  if (!fork) {
    // Every stored block left the chain. Before the first stored block there is nothing indexed
    // (a chain reset under a young cursor): start over; otherwise the fork is deeper than the window.
    const oldest = stored.at(-1);
    if (oldest && oldest.number > chain.startBlock + BigInt(window)) throw new Error(`chain ${chainId}: reorg deeper than the ${window} stored blocks below ${cursor.blockNumber}`);
    fork = { number: chain.startBlock - 1n, hash: '' };
  }
  const forkPoint = fork;
  chain.log?.(`chain ${chainId}: reorg, rewinding from block ${cursor.blockNumber} to ${forkPoint.number}`);
  const result = await withIndexer(async (ix) => {
    const locked = await lockCursor(ix.tx, chainId, chain.startBlock - 1n);
    if (locked.blockNumber !== cursor.blockNumber || locked.blockHash !== cursor.blockHash) return 'raced' as const;
    await rewindPast(ix, chainId, forkPoint.number);
    await deleteBlocksAfter(ix.tx, chainId, forkPoint.number);
    await ix.tx
      .updateTable('chain_cursors')
      .set({ block_number: forkPoint.number.toString(), block_hash: forkPoint.hash || null, updated_at: new Date() })
      .where('chain_id', '=', String(chainId))
      .execute();
    return 'rewound' as const;
  });
  registries.delete(chainId);
  aheadOf.delete(chainId);
  return result;
}

async function rewindPast(ix: IndexerTx, chainId: number, fork: bigint): Promise<void> {
  const events = await eventsAfter(ix.tx, chainId, fork);
  const now = new Date();
  const perTenant = new Map<string, number>();
  for (const e of events) {
    const effects = (e.effects ?? []) as Effect[];
    if (!e.tenant_id) continue;
    perTenant.set(e.tenant_id, (perTenant.get(e.tenant_id) ?? 0) + 1);
    if (effects.length) await ix.asTenant(e.tenant_id, (t) => undoEffects(t, effects, { chainId, txHash: e.tx_hash, logIndex: e.log_index }, now));
  }
  for (const [tenantId, count] of perTenant) {
    await ix.asTenant(tenantId, (t) =>
      audit(t, { actorId: null, actorRole: 'chain', action: 'chain.reorg_rewound', targetType: 'chain', targetId: null, metadata: { chainId, forkBlock: fork.toString(), events: count } }, NO_REQUEST),
    );
  }
  await deleteEventsAfter(ix.tx, chainId, fork);
}
