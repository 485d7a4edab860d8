// How far the indexer is behind each chain it follows, for /api/health and the admin overview.
// Read from what the indexer stores each round (chain_cursors): the node's head it last saw,
// its cursor, when it last wrote. Only the registry's chains count (test chains on a shared
// database are not the platform's).
import { getConfig } from '../../config';
import { withPlatformRead } from '../../db/tenant';
import { chains } from '../chains';
import { listCursors } from './repo';

export type ChainLag = {
  chainId: number;
  chain: string;
  headBlock: string | null;
  indexedBlock: string;
  /** Finalized blocks not indexed yet (head - confirmations + 1 - cursor). */
  lagBlocks: number | null;
  lastBatchAt: string | null;
  checkedAt: string;
  status: 'ok' | 'degraded';
};

/** The indexer polls at least this often while it runs; a cursor untouched for longer means it stopped. */
const STALE_MS = 5 * 60_000;

type CursorRow = { chain_id: string; block_number: string; head_block: string | null; last_batch_at: Date | null; updated_at: Date };

/** One chain's lag from its cursor row: degraded past `maxLag` blocks, or when the indexer stopped touching it. */
export function chainLag(r: CursorRow, info: { id: number; key: string; confirmations: number }, maxLag: number, now: Date): ChainLag {
  const finalized = r.head_block === null ? null : BigInt(r.head_block) - BigInt(info.confirmations - 1);
  const lag = finalized === null ? null : Number(finalized > BigInt(r.block_number) ? finalized - BigInt(r.block_number) : 0n);
  const stale = now.getTime() - r.updated_at.getTime() > STALE_MS;
  return {
    chainId: info.id,
    chain: info.key,
    headBlock: r.head_block,
    indexedBlock: r.block_number,
    lagBlocks: lag,
    lastBatchAt: r.last_batch_at?.toISOString() ?? null,
    checkedAt: r.updated_at.toISOString(),
    status: stale || lag === null || lag > maxLag ? 'degraded' : 'ok',
  };
}

export async function indexerLag(now = new Date()): Promise<ChainLag[]> {
  const rows = await withPlatformRead((tx) => listCursors(tx));
  const byId = new Map(Object.values(chains).map((c) => [c.id, c]));
  const maxLag = getConfig().INDEXER_MAX_LAG_BLOCKS;
  return rows.flatMap((r) => {
    const info = byId.get(Number(r.chain_id));
    return info ? [chainLag(r, info, maxLag, now)] : [];
  });
}
