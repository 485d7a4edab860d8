import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import type { IndexedTestChain } from './indexed-chain';

/** The indexer loop in a process of its own (tests/helpers/indexer-child.ts), pointed at a test chain. */
export function spawnIndexerChild(c: IndexedTestChain, appName: string, opts: { slowMs: number; batchBlocks: number; leaseMs?: number }): ChildProcess {
  const cfg = { rpc: c.anvil.rpcUrl, chainId: c.chainId, factory: c.system.escrowFactory, startBlock: c.system.deployedAtBlock, batchBlocks: String(opts.batchBlocks), slowMs: opts.slowMs, leaseMs: opts.leaseMs };
  return spawn(process.execPath, ['--import', 'tsx', path.resolve('tests/helpers/indexer-child.ts'), JSON.stringify(cfg)], {
    env: { ...process.env, PGAPPNAME: appName },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
}

/** Polls probe every 20 ms until it answers something truthy; throws after ms. */
export async function until<T>(what: string, probe: () => Promise<T | undefined | false | null>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}
