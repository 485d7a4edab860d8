// The indexer loop (src/server/chain/indexer/runner.ts) in a process of its own, pointed at a
// test chain: the crash test SIGKILLs it half-way through a batch and starts it again.
// argv[2]: JSON { rpc, chainId, factory, startBlock, batchBlocks, slowMs, leaseMs? }. A SIGKILLed
// child keeps its leader lease until it runs out: leaseMs (2 s here) is how long a restart waits.
import { createPublicClient, http, type PublicClient } from 'viem';
import { startIndexer } from '../../src/server/chain/indexer/runner';
import { closePools } from '../../src/server/db/pool';

const cfg = JSON.parse(process.argv[2]!) as { rpc: string; chainId: number; factory: string; startBlock: string; batchBlocks: string; slowMs: number; leaseMs?: number };
const client = createPublicClient({ transport: http(cfg.rpc) }) as PublicClient;
const handle = startIndexer(
  [{ chainId: cfg.chainId, client, confirmations: 1, escrowFactories: [cfg.factory], startBlock: BigInt(cfg.startBlock), batchBlocks: BigInt(cfg.batchBlocks), slowMs: cfg.slowMs }],
  { pollMs: 50, leaseMs: cfg.leaseMs ?? 2_000, log: (level, msg) => process.stderr.write(`[indexer-child] ${level} ${msg}\n`) },
);
process.stdout.write(`started ${handle.holder}\n`);
process.on('SIGTERM', () => {
  void handle.stop().then(closePools).then(() => process.exit(0));
});
