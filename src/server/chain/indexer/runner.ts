// The indexer as a long-running loop: one sequential worker per chain, polling when caught up.
// stop() lets the batch in flight commit (or roll back) and resolves once every loop ended.
//
// Any number of indexer processes may run (several machines, a rolling deploy): per chain only
// the holder of its lease (chain_indexer_leases, db/migrations/0080) reads and writes; the
// others check back every pollMs and take over from the cursor once the lease has run out (the
// leader was killed or hangs) or was given up (a clean stop). The lease is renewed before every
// step; a deposed leader whose batch is still in flight cannot write twice either: each batch
// locks the cursor row and writes only if it still stands where the batch started ('raced').
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { indexerRead } from '../../db/indexer';
import { claimLeadership, releaseLeadership } from './repo';
import { syncStep, type IndexedChain } from './sync';

export type IndexerHandle = { stop: () => Promise<void>; holder: string };

/** How long a leader's lease lasts without renewal: the longest a crashed leader leaves its chain unfollowed. */
export const DEFAULT_LEASE_MS = 10_000;

export function startIndexer(
  chains: IndexedChain[],
  opts: { pollMs: number; leaseMs?: number; holder?: string; onRound?: () => void; log?: (level: 'info' | 'warn' | 'error', msg: string) => void },
): IndexerHandle {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const holder = opts.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let stopped = false;
  const wakers = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const wake = () => {
        clearTimeout(timer);
        wakers.delete(wake);
        resolve();
      };
      const timer = setTimeout(wake, ms);
      wakers.add(wake);
    });

  const loops = chains.map(async (chain) => {
    let failures = 0;
    let leading = false;
    while (!stopped) {
      try {
        const leads = await indexerRead((db) => claimLeadership(db, chain.chainId, holder, leaseMs));
        if (leads !== leading) opts.log?.('info', `chain ${chain.chainId}: ${leads ? 'leading (from the cursor)' : 'another indexer leads; standing by'}`);
        leading = leads;
        if (!leads) {
          opts.onRound?.();
          await pause(Math.min(opts.pollMs, leaseMs / 4));
          continue;
        }
        const r = await syncStep(chain);
        failures = 0;
        opts.onRound?.();
        if (r === 'rewound') opts.log?.('warn', `chain ${chain.chainId}: reorg rewound`);
        if (r === 'caught_up') await pause(Math.min(opts.pollMs, leaseMs / 4));
      } catch (e) {
        // A node or database hiccup: back off (up to a minute) and read from the cursor again.
        failures++;
        opts.log?.('error', `chain ${chain.chainId}: ${e instanceof Error ? e.message : String(e)}`);
        await pause(Math.min(60_000, opts.pollMs * 2 ** Math.min(failures, 6)));
      }
    }
    if (leading) await indexerRead((db) => releaseLeadership(db, chain.chainId, holder)).catch(() => {});
  });

  return {
    holder,
    stop: async () => {
      stopped = true;
      for (const wake of [...wakers]) wake();
      await Promise.all(loops);
    },
  };
}
