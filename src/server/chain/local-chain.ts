// Runs the local development chain: anvil plus the deployed system, reused across restarts
// when a state file keeps the chain (./data/chain).
import { createPublicClient, createWalletClient, http } from 'viem';
import { foundry } from 'viem/chains';
import { spawnAnvil, LOCAL_CHAIN_ID } from './anvil';
import { deploySystem, isSystemDeployed } from './deploy';
import { localAccount } from './dev-accounts';
import { readDeployments, writeDeployments, type Deployments } from './deployments';

export type { Deployments } from './deployments';

export { localAccount } from './dev-accounts';

export type LocalChain = {
  rpcUrl: string;
  chainId: number;
  deployments: Deployments;
  stop: () => Promise<void>;
};

export async function startLocalChain(opts: {
  port?: number;
  stateFile?: string;
  log?: (line: string) => void;
  /** Where <chainId>.json is written; defaults to contracts/deployments under the working directory. */
  deploymentsDir?: string;
}): Promise<LocalChain> {
  const log = opts.log ?? (() => {});
  const anvil = await spawnAnvil({ port: opts.port, stateFile: opts.stateFile, log: (line) => log(`[anvil] ${line}`) });
  try {
    const transport = http(anvil.rpcUrl);
    const publicClient = createPublicClient({ chain: foundry, transport });
    const walletClient = createWalletClient({ chain: foundry, transport, account: localAccount(0) });

    const recorded = readDeployments(LOCAL_CHAIN_ID, opts.deploymentsDir);
    let deployments: Deployments;
    if (recorded && (await isSystemDeployed(publicClient, recorded))) {
      log('contracts already deployed on this chain state; reusing them');
      deployments = recorded;
    } else {
      deployments = await deploySystem({ publicClient, walletClient, log });
      writeDeployments(deployments, opts.deploymentsDir);
    }
    return { rpcUrl: anvil.rpcUrl, chainId: LOCAL_CHAIN_ID, deployments, stop: anvil.stop };
  } catch (err) {
    await anvil.stop();
    throw err;
  }
}
