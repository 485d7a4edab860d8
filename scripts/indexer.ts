// The chain indexer process: follows every chain with a deployed system and writes what it sees
// (src/server/chain/indexer). npm start runs it beside the web server; the Docker image runs it
// as its own container (`docker run <image> indexer`). SIGTERM lets the batch in flight finish.
// Usage: node --import tsx scripts/indexer.ts
import { chainsToIndex } from '../src/server/chain/indexer/chains';
import { startIndexer } from '../src/server/chain/indexer/runner';
import type { IndexedChain } from '../src/server/chain/indexer/sync';
import { closePools } from '../src/server/db/pool';
import { heartbeat, onStopSignal, startRole } from './process-role';

const { config, log } = startRole('indexer');
// Chains are looked for again every INDEXER_DISCOVER_MS: a system deployed (or a node started)
// after this process is followed without a restart. A chain's warning is logged once.
const warned = new Set<string>();
const warnOnce = (m: string) => {
  if (warned.has(m)) return;
  warned.add(m);
  log.warn(m);
};
const chains = await chainsToIndex(config, warnOnce);
const beat = heartbeat('indexer');
const withLog = (c: IndexedChain) => ({ ...c, log: (m: string) => log.info(m) });
const indexer = startIndexer(chains.map(withLog), {
  pollMs: config.INDEXER_POLL_MS,
  onRound: beat,
  log: (level, msg) => log[level](msg),
  discover: async () => (await chainsToIndex(config, warnOnce)).map(withLog),
  discoverMs: config.INDEXER_DISCOVER_MS,
});
// With no chain to follow the process still runs (and beats), so the container stays healthy.
const idle = chains.length === 0 ? setInterval(beat, 20_000) : null;
log.info({ chains: chains.map((c) => c.chainId) }, chains.length ? 'ready: following chains' : 'ready: no chain has a deployed system yet');
onStopSignal(log, async () => {
  if (idle) clearInterval(idle);
  await indexer.stop();
  await closePools();
});
