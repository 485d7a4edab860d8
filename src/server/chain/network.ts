// Where the server reaches each chain: its RPC client and the platform system deployed on it.
import path from 'node:path';
import { createPublicClient, http, type PublicClient } from 'viem';
import { getConfig } from '../config';
import { getChain, rpcUrlFor } from './chains';
import { readDeployments, type Deployments } from './deployments';

const clients = new Map<string, PublicClient>();
const overrides = new Map<number, Deployments>();

export function rpcUrlOf(chainId: number): string {
  const url = rpcUrlFor(chainId);
  if (!url) throw new Error(`no RPC URL for chain ${chainId}: set ${getChain(chainId).rpcEnv} or RPC_URL`);
  return url;
}

export function publicClientFor(chainId: number): PublicClient {
  const url = rpcUrlOf(chainId);
  const key = `${chainId}:${url}`;
  let c = clients.get(key);
  if (!c) {
    c = createPublicClient({ chain: getChain(chainId).viem, transport: http(url, { retryCount: 1 }), pollingInterval: 50 }) as PublicClient;
    clients.set(key, c);
  }
  return c;
}

/** The process's own chain (tests, the start script) may register the system it just deployed. */
export function useDeployments(d: Deployments): void {
  overrides.set(d.chainId, d);
}

/** The platform system on a chain: registered in this process, else DATA_DIR/chain (npm start), else contracts/deployments. */
export function systemDeployments(chainId: number): Deployments | undefined {
  return overrides.get(chainId) ?? readDeployments(chainId, path.resolve(getConfig().DATA_DIR, 'chain')) ?? readDeployments(chainId);
}

export function requireDeployments(chainId: number): Deployments {
  const d = systemDeployments(chainId);
  if (!d) throw new Error(`the platform contracts are not deployed on chain ${chainId}`);
  return d;
}
