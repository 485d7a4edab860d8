// A fresh anvil per test file with the platform system deployed by this file's own platform
// admin key. Every server signer of the file is random (CHAIN_*_KEY), so test files sharing one
// database and the chain id 31337 never process each other's transactions or nonces.
import { generatePrivateKey, privateKeyToAccount } from 'viem/accounts';
import { createPublicClient, createTestClient, createWalletClient, http, type Hex } from 'viem';
import { randomInt } from 'node:crypto';
import { findFreePort, spawnAnvil, type AnvilProcess } from '../../src/server/chain/anvil';
import { registerDevChain } from '../../src/server/chain/chains';
import { deploySystem } from '../../src/server/chain/deploy';
import type { Deployments } from '../../src/server/chain/deployments';
import { useDeployments } from '../../src/server/chain/network';
import { resetConfigCache } from '../../src/server/config';

export type TestChain = {
  chainId: number;
  anvil: AnvilProcess;
  rpcUrl: string;
  deployments: Deployments;
  publicClient: ReturnType<typeof createPublicClient>;
  testClient: ReturnType<typeof createTestClient>;
  platformAdmin: ReturnType<typeof privateKeyToAccount>;
  /** The account signers of this file (for walletClientOf). */
  walletOf: (key: Hex) => ReturnType<typeof createWalletClient>;
  stop: () => Promise<void>;
};

export async function startTestChain(): Promise<TestChain> {
  // A chain id of its own: cursors and nonces on the shared database belong to this file alone.
  const chainId = 900_000 + randomInt(1, 99_999_999);
  const anvil = await spawnAnvil({ port: await findFreePort(), chainId });
  const info = registerDevChain(chainId, anvil.rpcUrl);
  const keys = { CHAIN_PLATFORM_ADMIN_KEY: generatePrivateKey(), CHAIN_OPERATOR_KEY: generatePrivateKey(), CHAIN_TENANT_ADMIN_KEY: generatePrivateKey() };
  Object.assign(process.env, keys, { CHAIN_COMPLIANCE_SIGNER_KEY: keys.CHAIN_PLATFORM_ADMIN_KEY });
  resetConfigCache();
  const transport = http(anvil.rpcUrl);
  const publicClient = createPublicClient({ chain: info.viem, transport, pollingInterval: 20 });
  const testClient = createTestClient({ chain: info.viem, transport, mode: 'anvil' });
  const platformAdmin = privateKeyToAccount(keys.CHAIN_PLATFORM_ADMIN_KEY);
  await testClient.setBalance({ address: platformAdmin.address, value: 10n ** 22n });
  const walletClient = createWalletClient({ chain: info.viem, transport, account: platformAdmin });
  const deployments = await deploySystem({ publicClient: publicClient as never, walletClient: walletClient as never });
  useDeployments(deployments);
  return {
    chainId,
    anvil,
    rpcUrl: anvil.rpcUrl,
    deployments,
    publicClient,
    testClient,
    platformAdmin,
    walletOf: (key) => createWalletClient({ chain: info.viem, transport, account: privateKeyToAccount(key) }),
    stop: () => anvil.stop(),
  };
}
