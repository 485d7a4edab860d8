// The indexer as a long-running loop: one sequential worker per chain, polling when caught up.
// stop() lets the batch in flight commit (or roll back) and resolves once every loop ended.
import { syncStep, type IndexedChain } from './sync';

export type IndexerHandle = { stop: () => Promise<void> };

export function startIndexer(chains: IndexedChain[], opts: { pollMs: number; onRound?: () => void; log?: (level: 'info' | 'warn' | 'error', msg: string) => void }): IndexerHandle {
  let stopped = false;
  let wake: (() => void) | null = null;
  const pause = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      wake = () => {
        clearTimeout(timer);
        resolve();
      };
    });

  const loops = chains.map(async (chain) => {
    let failures = 0;
    while (!stopped) {
      try {
        const r = await syncStep(chain);
        failures = 0;
        opts.onRound?.();
        if (r === 'rewound') opts.log?.('warn', `chain ${chain.chainId}: reorg rewound`);
        if (r === 'caught_up') await pause(opts.pollMs);
      } catch (e) {
        // A node or database hiccup: back off (up to a minute) and read from the cursor again.
        failures++;
        opts.log?.('error', `chain ${chain.chainId}: ${e instanceof Error ? e.message : String(e)}`);
        await pause(Math.min(60_000, opts.pollMs * 2 ** Math.min(failures, 6)));
      }
    }
  });

  return {
    stop: async () => {
      stopped = true;
      (wake as (() => void) | null)?.();
      await Promise.all(loops);
    },
  };
}
