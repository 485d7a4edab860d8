// Deploys the platform's contracts to any chain: the local anvil (from local-chain.ts) or a real
// network (scripts/chain.ts with RPC_URL + DEPLOYER_PRIVATE_KEY). One code path for both.
import {
  getAddress,
  keccak256,
  pad,
  stringToHex,
  type Abi,
  type Account,
  type Address,
  type Chain,
  type Hash,
  type Hex,
  type PublicClient,
  type TransactionReceipt,
  type Transport,
  type WalletClient,
} from 'viem';
import { loadArtifact } from '../../../contracts/compile';
import { escrowFactoryAbi } from '../../../contracts/abi/EscrowFactory';
import type { Deployments } from './deployments';

export type TenantSpec = { name: string; tenantId: Hex; treasury: Address };

export type DeploySystemOptions = {
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain, Account>;
  /** Blocks to wait after each transaction (the chain registry says how many per network). */
  confirmations?: number;
  /** An existing stablecoin; when absent the 6-decimal TestStablecoin is deployed. */
  paymentToken?: Address;
  feeRecipient?: Address;
  feeBps?: number;
  tenantShareBps?: number;
  complianceSigner?: Address;
  tenants?: TenantSpec[];
  log?: (line: string) => void;
};

/** Tenants are UUIDs in the database; on chain they are the UUID's 16 bytes, left-padded to bytes32. */
export function tenantIdFromUuid(uuid: string): Hex {
  const hex = uuid.replace(/-/g, '').toLowerCase();
  if (!/^[0-9a-f]{32}$/.test(hex)) throw new Error(`not a UUID: ${uuid}`);
  return pad(`0x${hex}`, { size: 32 });
}

export const DEMO_TENANT_ID: Hex = keccak256(stringToHex('tenant:demo'));

/**
 * Waits for a receipt. An automining node (anvil) has it the moment the send returns, so look
 * first: viem's block watcher ignores block numbers it has already seen, which after an
 * evm_revert in tests made waiting stall until timeout.
 */
export async function receiptOf(publicClient: PublicClient, hash: Hash, confirmations = 1): Promise<TransactionReceipt> {
  if (confirmations <= 1) {
    const found = await publicClient.getTransactionReceipt({ hash }).catch(() => undefined);
    if (found) return found;
  }
  return publicClient.waitForTransactionReceipt({ hash, confirmations });
}

export async function deployContract(
  opts: Pick<DeploySystemOptions, 'publicClient' | 'walletClient' | 'confirmations'>,
  contractName: string,
  args: readonly unknown[],
): Promise<Address> {
  const artifact = loadArtifact(contractName);
  const hash = await opts.walletClient.deployContract({
    abi: artifact.abi as Abi,
    bytecode: artifact.bytecode,
    args: args as unknown[],
  });
  const receipt = await receiptOf(opts.publicClient, hash, opts.confirmations);
  if (receipt.status !== 'success' || !receipt.contractAddress) throw new Error(`deploying ${contractName} failed`);
  return getAddress(receipt.contractAddress);
}

export async function deploySystem(opts: DeploySystemOptions): Promise<Deployments> {
  const log = opts.log ?? (() => {});
  const deployer = opts.walletClient.account.address;
  const chainId = await opts.publicClient.getChainId();
  const startBlock = await opts.publicClient.getBlockNumber();
  const deploy = async (name: string, args: readonly unknown[]) => {
    const address = await deployContract(opts, name, args);
    log(`${name.padEnd(20)} ${address}`);
    return address;
  };

  const service = await deploy('Service', [
    deployer,
    opts.feeRecipient ?? deployer,
    opts.feeBps ?? 100,
    opts.tenantShareBps ?? 2_000,
    opts.complianceSigner ?? deployer,
  ]);
  const paymentToken = opts.paymentToken ?? (await deploy('TestStablecoin', ['Test USD', 'tUSD', 6]));
  const escrowImplementation = await deploy('Escrow', [service]);
  const escrowFactory = await deploy('EscrowFactory', [service, escrowImplementation]);

  const tenants = opts.tenants ?? [{ name: 'demo', tenantId: DEMO_TENANT_ID, treasury: deployer }];
  const tenantFactories: Deployments['tenantFactories'] = [];
  for (const tenant of tenants) {
    const address = await deploy('TenantFactory', [service, escrowFactory, tenant.tenantId, tenant.treasury]);
    const hash = await opts.walletClient.writeContract({
      address: escrowFactory,
      abi: escrowFactoryAbi,
      functionName: 'registerTenantFactory',
      args: [address],
    });
    await receiptOf(opts.publicClient, hash, opts.confirmations);
    tenantFactories.push({ name: tenant.name, tenantId: tenant.tenantId, address });
  }

  return {
    chainId,
    deployer,
    deployedAtBlock: (startBlock + 1n).toString(),
    service,
    paymentToken,
    escrowImplementation,
    escrowFactory,
    tenantFactories,
  };
}

/** True when every recorded address still holds code (a restarted chain with persisted state). */
export async function isSystemDeployed(publicClient: PublicClient, d: Deployments): Promise<boolean> {
  const addresses = [d.service, d.paymentToken, d.escrowImplementation, d.escrowFactory, ...d.tenantFactories.map((t) => t.address)];
  const codes = await Promise.all(addresses.map((address) => publicClient.getCode({ address })));
  return codes.every((code) => code !== undefined && code !== '0x');
}
