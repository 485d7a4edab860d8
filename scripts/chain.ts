// npm run chain
//   without RPC_URL: starts anvil on PORT_CHAIN (default 8545) with state in ./data/chain, deploys
//   the system once, prints the addresses and keeps running until Ctrl-C.
//   with RPC_URL + DEPLOYER_PRIVATE_KEY: deploys to that network (waiting the registry's
//   confirmations) and writes contracts/deployments/<chainId>.json. Off the local chain, every role,
//   treasury and the payment token must be named in the JSON file DEPLOY_CONFIG points to:
//   { "admin", "pausers": [], "feeRecipient", "complianceSigner", "paymentToken",
//     "tenants": [{ "name", "tenantId", "treasury", "operators": [], "admins": [] }] }
//   (PAYMENT_TOKEN_ADDRESS still works for the payment token). deploySystem refuses anything missing.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createPublicClient, createWalletClient, http } from 'viem';
import { privateKeyToAccount } from 'viem/accounts';
import { getChain, parseChainEnv } from '../src/server/chain/chains';
import { deploySystem, type DeploySystemOptions } from '../src/server/chain/deploy';
import { writeDeployments, type Deployments } from '../src/server/chain/deployments';
import { startLocalChain } from '../src/server/chain/local-chain';

function printDeployments(d: Deployments): void {
  console.log(`chain ${d.chainId}`);
  console.log(`  service               ${d.service}`);
  console.log(`  paymentToken (tUSD)   ${d.paymentToken}`);
  console.log(`  escrowImplementation  ${d.escrowImplementation}`);
  console.log(`  escrowFactory         ${d.escrowFactory}`);
  for (const t of d.tenantFactories) console.log(`  tenantFactory:${t.name.padEnd(8)} ${t.address} (tenant ${t.tenantId})`);
}

async function deployRemote(rpcUrl: string, privateKey: `0x${string}`): Promise<void> {
  const probe = createPublicClient({ transport: http(rpcUrl) });
  const chain = getChain(await probe.getChainId());
  const transport = http(rpcUrl);
  const publicClient = createPublicClient({ chain: chain.viem, transport });
  const walletClient = createWalletClient({ chain: chain.viem, transport, account: privateKeyToAccount(privateKey) });
  console.log(`deploying to ${chain.name} (${chain.id}), ${chain.confirmations} confirmations per transaction`);
  const configFile = process.env.DEPLOY_CONFIG;
  const config = (configFile ? JSON.parse(readFileSync(configFile, 'utf8')) : {}) as Partial<DeploySystemOptions>;
  const deployments = await deploySystem({
    ...config,
    publicClient,
    walletClient,
    confirmations: chain.confirmations,
    paymentToken: (process.env.PAYMENT_TOKEN_ADDRESS as `0x${string}` | undefined) ?? config.paymentToken,
    log: (line) => console.log(`  ${line}`),
  });
  console.log(`wrote ${writeDeployments(deployments)}`);
  printDeployments(deployments);
}

async function runLocal(): Promise<void> {
  const port = Number(process.env.PORT_CHAIN ?? 8545);
  const chain = await startLocalChain({
    port,
    stateFile: path.resolve('data', 'chain', 'state.json'),
    log: (line) => {
      if (!line.startsWith('[anvil]')) console.log(line);
    },
  });
  printDeployments(chain.deployments);
  console.log(`local chain running at ${chain.rpcUrl} (Ctrl-C to stop)`);
  const shutdown = async () => {
    await chain.stop();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
}

const env = parseChainEnv();
if (env.RPC_URL) {
  if (!env.DEPLOYER_PRIVATE_KEY) throw new Error('RPC_URL is set: DEPLOYER_PRIVATE_KEY is required to deploy');
  await deployRemote(env.RPC_URL, env.DEPLOYER_PRIVATE_KEY);
} else {
  await runLocal();
}
