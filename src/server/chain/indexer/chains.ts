// Which chains the indexer follows: every chain of the registry that has a deployed system
// (contracts/deployments/<id>.json, or DATA_DIR/chain for the local chain npm start runs) and
// an RPC URL whose node answers with that chain id.
import path from 'node:path';
import { createPublicClient, http, type PublicClient } from 'viem';
import type { Config } from '../../config';
import { chains as registry, parseChainEnv, rpcUrlFor } from '../chains';
import { readDeployments } from '../deployments';
import type { IndexedChain } from './sync';

export async function chainsToIndex(config: Config, log: (m: string) => void = () => {}): Promise<IndexedChain[]> {
  const env = parseChainEnv();
  const out: IndexedChain[] = [];
  for (const info of Object.values(registry)) {
    const deployments = readDeployments(info.id, path.resolve(config.DATA_DIR, 'chain')) ?? readDeployments(info.id);
    if (!deployments) continue;
    const rpc = info.key === 'local' ? (env[info.rpcEnv] ?? config.RPC_URL ?? rpcUrlFor(info.id, env)) : env[info.rpcEnv];
    if (!rpc) continue;
    const client = createPublicClient({ chain: info.viem, transport: http(rpc, { retryCount: 2 }) }) as PublicClient;
    const answered = await client.getChainId().catch(() => null);
    if (answered !== info.id) {
      log(`chain ${info.key} (${info.id}): the node at its RPC URL answers ${answered ?? 'nothing'}; not indexed`);
      continue;
    }
    out.push({
      chainId: info.id,
      client,
      confirmations: info.confirmations,
      escrowFactories: [deployments.escrowFactory],
      startBlock: BigInt(deployments.deployedAtBlock),
      batchBlocks: BigInt(config.INDEXER_BATCH_BLOCKS),
      slowMs: config.INDEXER_SLOW_MS || undefined,
    });
  }
  return out;
}
