// Pool reads pinned to one block and shared between requests. Every figure a page shows is read at
// the chain's latest block number, asked afresh for each request (concurrent requests share one
// eth_blockNumber call in flight); the reads at that block are then kept, since nothing at a given
// block ever changes, until a later block is seen. A pool page under load thus costs the node one
// call per request instead of four plus three per wallet, and still moves on with every new block.
import type { Abi, Address } from 'viem';
import { publicClientFor } from '../chain/network';

type ChainCache = { block: bigint; reads: Map<string, Promise<unknown>> };
const MAX_READS_PER_BLOCK = 10_000;

const blockInFlight = new Map<number, Promise<bigint>>();
const caches = new Map<number, ChainCache>();

/** The latest block number; a request that arrives while another asks joins its call. */
export function latestBlock(chainId: number): Promise<bigint> {
  let p = blockInFlight.get(chainId);
  if (!p) {
    p = publicClientFor(chainId)
      .getBlockNumber({ cacheTime: 0 })
      .finally(() => blockInFlight.delete(chainId));
    blockInFlight.set(chainId, p);
  }
  return p;
}

function cacheAt(chainId: number, block: bigint): ChainCache | null {
  const c = caches.get(chainId);
  if (!c || c.block < block) {
    const fresh = { block, reads: new Map<string, Promise<unknown>>() };
    caches.set(chainId, fresh);
    return fresh;
  }
  // A request still reading an older block than the newest seen: read it, do not keep it.
  return c.block === block ? c : null;
}

function shared<T>(chainId: number, block: bigint, key: string, read: () => Promise<T>): Promise<T> {
  const cache = cacheAt(chainId, block);
  const hit = cache?.reads.get(key) as Promise<T> | undefined;
  if (hit) return hit;
  const p = read();
  if (cache && cache.reads.size < MAX_READS_PER_BLOCK) {
    cache.reads.set(key, p);
    // A failed read is asked again by the next request, never served from here.
    p.catch(() => cache.reads.delete(key));
  }
  return p;
}

/** A view function's result at `block`. */
export function readAt<T>(chainId: number, block: bigint, address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []): Promise<T> {
  const key = `${address.toLowerCase()}:${functionName}:${args.map(String).join(',')}`;
  return shared(chainId, block, key, () => publicClientFor(chainId).readContract({ address, abi, functionName, args, blockNumber: block }) as Promise<T>);
}

/** The timestamp of `block` (rewards accrue to it). */
export function blockTime(chainId: number, block: bigint): Promise<bigint> {
  return shared(chainId, block, 'block:timestamp', async () => (await publicClientFor(chainId).getBlock({ blockNumber: block })).timestamp);
}
