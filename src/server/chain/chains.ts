// The networks the platform can deploy to: ids, explorers, how many confirmations to wait,
// and which environment variable holds each RPC URL.
import type { Chain } from 'viem';
import {
  arbitrum,
  arbitrumSepolia,
  base,
  baseSepolia,
  foundry,
  mainnet,
  optimism,
  optimismSepolia,
  polygon,
  polygonAmoy,
  sepolia,
} from 'viem/chains';
import { z } from 'zod';

export type ChainKey =
  | 'ethereum'
  | 'sepolia'
  | 'polygon'
  | 'polygonAmoy'
  | 'base'
  | 'baseSepolia'
  | 'arbitrum'
  | 'arbitrumSepolia'
  | 'optimism'
  | 'optimismSepolia'
  | 'local';

export type ChainInfo = {
  key: ChainKey;
  id: number;
  name: string;
  testnet: boolean;
  explorerUrl: string | undefined;
  /** Blocks to wait before treating a transaction as final for money movements. */
  confirmations: number;
  /** Environment variable that holds this chain's RPC URL. */
  rpcEnv: string;
  viem: Chain;
};

function info(key: ChainKey, chain: Chain, confirmations: number, rpcEnv: string): ChainInfo {
  return {
    key,
    id: chain.id,
    name: chain.name,
    testnet: chain.testnet ?? key === 'local',
    explorerUrl: chain.blockExplorers?.default.url,
    confirmations,
    rpcEnv,
    viem: chain,
  };
}

// Confirmation counts: L1 waits out typical reorg depth; Polygon PoS has seen deeper reorgs;
// optimistic/rollup L2s order transactions through a single sequencer, so a few blocks suffice.
export const chains: Record<ChainKey, ChainInfo> = {
  ethereum: info('ethereum', mainnet, 12, 'RPC_URL_ETHEREUM'),
  sepolia: info('sepolia', sepolia, 3, 'RPC_URL_SEPOLIA'),
  polygon: info('polygon', polygon, 64, 'RPC_URL_POLYGON'),
  polygonAmoy: info('polygonAmoy', polygonAmoy, 5, 'RPC_URL_POLYGON_AMOY'),
  base: info('base', base, 10, 'RPC_URL_BASE'),
  baseSepolia: info('baseSepolia', baseSepolia, 3, 'RPC_URL_BASE_SEPOLIA'),
  arbitrum: info('arbitrum', arbitrum, 10, 'RPC_URL_ARBITRUM'),
  arbitrumSepolia: info('arbitrumSepolia', arbitrumSepolia, 3, 'RPC_URL_ARBITRUM_SEPOLIA'),
  optimism: info('optimism', optimism, 10, 'RPC_URL_OPTIMISM'),
  optimismSepolia: info('optimismSepolia', optimismSepolia, 3, 'RPC_URL_OPTIMISM_SEPOLIA'),
  local: info('local', foundry, 1, 'RPC_URL_LOCAL'),
};

/**
 * Development chains beside the registry: an anvil started with another chain id (tests run one
 * per file so files sharing a database never share a chain's cursors or nonces). They behave as
 * the local chain: one confirmation, dev-only conveniences such as funding signers.
 */
const devChains = new Map<number, { info: ChainInfo; rpcUrl: string }>();

export function registerDevChain(chainId: number, rpcUrl: string): ChainInfo {
  const viemChain = { ...foundry, id: chainId, name: `Development chain ${chainId}` } as Chain;
  const chainInfo = { ...info('local', viemChain, 1, 'RPC_URL_LOCAL'), explorerUrl: undefined };
  devChains.set(chainId, { info: chainInfo, rpcUrl });
  return chainInfo;
}

/** The local anvil or a registered development chain: where test conveniences (funding, sale tokens) are allowed. */
export function isDevChain(chainId: number): boolean {
  return devChains.has(chainId) || chainId === chains.local.id;
}

export function getChain(chainId: number): ChainInfo {
  const dev = devChains.get(chainId);
  if (dev) return dev.info;
  const found = Object.values(chains).find((c) => c.id === chainId);
  if (!found) throw new Error(`chain ${chainId} is not in the registry`);
  return found;
}

export function isKnownChain(chainId: number): boolean {
  return devChains.has(chainId) || Object.values(chains).some((c) => c.id === chainId);
}

const rpcUrl = z.string().url().refine((u) => /^(https?|wss?):\/\//.test(u), 'must be an http(s) or ws(s) URL');

export const chainEnvSchema = z.object({
  RPC_URL: rpcUrl.optional(),
  DEPLOYER_PRIVATE_KEY: z
    .string()
    .regex(/^0x[0-9a-fA-F]{64}$/, 'must be a 0x-prefixed 32-byte hex key')
    .optional(),
  ...Object.fromEntries(Object.values(chains).map((c) => [c.rpcEnv, rpcUrl.optional()])),
});

export type ChainEnv = { RPC_URL?: string; DEPLOYER_PRIVATE_KEY?: `0x${string}` } & Partial<Record<string, string>>;

export function parseChainEnv(env: Record<string, string | undefined> = process.env): ChainEnv {
  const picked = Object.fromEntries(Object.keys(chainEnvSchema.shape).map((k) => [k, env[k] || undefined]));
  return chainEnvSchema.parse(picked) as ChainEnv;
}

/** The RPC URL for a chain: its own variable first, then the generic RPC_URL. Local defaults to anvil. */
export function rpcUrlFor(chainId: number, env: ChainEnv = parseChainEnv()): string | undefined {
  const dev = devChains.get(chainId);
  if (dev) return dev.rpcUrl;
  const chain = getChain(chainId);
  return env[chain.rpcEnv] ?? env.RPC_URL ?? (chain.key === 'local' ? 'http://127.0.0.1:8545' : undefined);
}
