// The indexer as a long-running loop: one sequential worker per chain, polling when caught up.
// With `discover`, the list of chains is read again every `discoverMs`: a chain whose system was
// deployed (or whose node came up) after the start is followed from then on, without a restart.
// Tenants need no discovery: a new tenant's factory is registered on chain by the system
// EscrowFactory (TenantFactoryRegistered), which the chain's worker reads like any other event.
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

export type IndexerHandle = { stop: () => Promise<void>; holder: string; chains: () => number[] };

/** How long a leader's lease lasts without renewal: the longest a crashed leader leaves its chain unfollowed. */
export const DEFAULT_LEASE_MS = 10_000;

type Log = (level: 'info' | 'warn' | 'error', msg: string) => void;

export function startIndexer(
  chains: IndexedChain[],
  opts: {
    pollMs: number;
    leaseMs?: number;
    holder?: string;
    onRound?: () => void;
    log?: Log;
    discover?: () => Promise<IndexedChain[]>;
    discoverMs?: number;
  },
): IndexerHandle {
  const leaseMs = opts.leaseMs ?? DEFAULT_LEASE_MS;
  const holder = opts.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  let stopped = false;
  const sleepers = new Set<() => void>();
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const done = () => {
        clearTimeout(timer);
        sleepers.delete(done);
        resolve();
      };
      const timer = setTimeout(done, ms);
      sleepers.add(done);
    });

  const followed = new Map<number, { chain: IndexedChain; loop: Promise<void> }>();

  const loopOf = async (chain: IndexedChain) => {
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
  };

  const follow = (chain: IndexedChain) => {
    const known = followed.get(chain.chainId);
    if (!known) {
      followed.set(chain.chainId, { chain, loop: loopOf(chain) });
      return true;
    }
    // The same chain with a newly deployed system: its EscrowFactory is followed too.
    const added = chain.escrowFactories.filter((f) => !known.chain.escrowFactories.some((k) => k.toLowerCase() === f.toLowerCase()));
    if (added.length) known.chain.escrowFactories = [...known.chain.escrowFactories, ...added];
    return added.length > 0;
  };

  for (const c of chains) follow(c);

  const discovery = opts.discover
    ? (async () => {
        while (!stopped) {
          await pause(opts.discoverMs ?? 30_000);
          if (stopped) break;
          try {
            for (const c of await opts.discover!()) if (!stopped && follow(c)) opts.log?.('info', `chain ${c.chainId}: now followed (${c.escrowFactories.join(', ')})`);
          } catch (e) {
            opts.log?.('error', `chain discovery: ${e instanceof Error ? e.message : String(e)}`);
          }
        }
      })()
    : Promise.resolve();

  return {
    holder,
    chains: () => [...followed.keys()],
    stop: async () => {
      stopped = true;
      for (const wake of [...sleepers]) wake();
      await discovery;
      await Promise.all([...followed.values()].map((f) => f.loop));
    },
  };
}
