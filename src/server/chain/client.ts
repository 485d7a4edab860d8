// Small chain-facing helpers for the app: health checks and viem clients.
import { createPublicClient, http } from 'viem';

/** Connected when the node answers eth_blockNumber within ~1.5 s; never throws. */
export async function checkChainHealth(rpcUrl: string): Promise<'connected' | 'disconnected'> {
  const client = createPublicClient({ transport: http(rpcUrl, { timeout: 1_500, retryCount: 0 }) });
  try {
    await client.getBlockNumber({ cacheTime: 0 });
    return 'connected';
  } catch {
    return 'disconnected';
  }
}
