// Deploys the platform's contracts to any chain: the local anvil (from local-chain.ts) or a real
// network (scripts/chain.ts with RPC_URL + DEPLOYER_PRIVATE_KEY). One code path for both.
import {
  encodeAbiParameters,
  getAddress,
  keccak256,
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
import { serviceAbi } from '../../../contracts/abi/Service';
import { isDevChain } from './chains';
import type { Deployments } from './deployments';

/** One tenant: its treasury and who runs its deals (operators) and refunds its escrows (admins). */
export type TenantSpec = { name: string; tenantId: Hex; treasury?: Address; operators?: Address[]; admins?: Address[] };

export type DeploySystemOptions = {
  publicClient: PublicClient;
  walletClient: WalletClient<Transport, Chain, Account>;
  /** Blocks to wait after each transaction (the chain registry says how many per network). */
  confirmations?: number;
  /** An existing stablecoin; only on the local chain may it be left out (a mintable TestStablecoin is deployed). */
  paymentToken?: Address;
  /** Platform admin (fees, unpause, factory registry). When it is not the deployer, the deployer hands
   *  the role over with the two-step, delayed transfer: the admin accepts it after the delay. */
  admin?: Address;
  /** Seconds a platform admin transfer must wait; 0 on the local chain, 2 days elsewhere by default. */
  adminTransferDelay?: number;
  pausers?: Address[];
  feeRecipient?: Address;
  feeBps?: number;
  tenantShareBps?: number;
  complianceSigner?: Address;
  tenants?: TenantSpec[];
  log?: (line: string) => void;
};

/** Chain id of the local anvil; the only chain where roles and treasuries may default to the deployer. */
const LOCAL_CHAIN_ID = 31337;
const TWO_DAYS = 2 * 24 * 60 * 60;

export { tenantIdFromUuid } from './tenant-id';

export const DEMO_TENANT_ID: Hex = keccak256(stringToHex('tenant:demo'));

/**
 * Waits for a receipt. An automining node (anvil) has it the moment the send returns, or a few
 * milliseconds later under load, so poll for it directly: viem's block watcher ignores block numbers
 * it has already seen, which after an evm_revert in tests made waiting stall until timeout.
 */
export async function receiptOf(publicClient: PublicClient, hash: Hash, confirmations = 1, timeoutMs = 60_000): Promise<TransactionReceipt> {
  if (confirmations > 1) return publicClient.waitForTransactionReceipt({ hash, confirmations, timeout: timeoutMs });
  const deadline = Date.now() + timeoutMs;
  for (let delay = 2; ; delay = Math.min(delay * 2, 250)) {
    const found = await publicClient.getTransactionReceipt({ hash }).catch(() => undefined);
    if (found) return found;
    if (Date.now() > deadline) throw new Error(`no receipt for ${hash} after ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, delay));
  }
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

/** On any chain but the local one, every role, treasury and the payment token must be named. */
export function assertExplicitConfig(chainId: number, opts: DeploySystemOptions): void {
  if (isDevChain(chainId)) return;
  const missing: string[] = [];
  if (!opts.paymentToken) missing.push('paymentToken');
  if (!opts.admin) missing.push('admin');
  if (!opts.pausers?.length) missing.push('pausers');
  if (!opts.feeRecipient) missing.push('feeRecipient');
  if (!opts.complianceSigner) missing.push('complianceSigner');
  for (const t of opts.tenants ?? []) {
    if (!t.treasury) missing.push(`tenants.${t.name}.treasury`);
    if (!t.operators?.length) missing.push(`tenants.${t.name}.operators`);
    if (!t.admins?.length) missing.push(`tenants.${t.name}.admins`);
  }
  if (missing.length > 0) {
    throw new Error(`refusing to deploy to chain ${chainId} without explicit ${missing.join(', ')} (only the local chain ${LOCAL_CHAIN_ID} defaults them to the deployer)`);
  }
}

export async function deploySystem(opts: DeploySystemOptions): Promise<Deployments> {
  const log = opts.log ?? (() => {});
  const deployer = opts.walletClient.account.address;
  const chainId = await opts.publicClient.getChainId();
  assertExplicitConfig(chainId, opts);
  const local = isDevChain(chainId);
  const startBlock = await opts.publicClient.getBlockNumber();
  const deploy = async (name: string, args: readonly unknown[]) => {
    const address = await deployContract(opts, name, args);
    log(`${name.padEnd(20)} ${address}`);
    return address;
  };
  /** Every transaction's receipt is checked: a reverted grant or registration stops the deployment. */
  const write = async (address: Address, abi: Abi, functionName: string, args: readonly unknown[]) => {
    const hash = await opts.walletClient.writeContract({ address, abi, functionName, args } as Parameters<typeof opts.walletClient.writeContract>[0]);
    const receipt = await receiptOf(opts.publicClient, hash, opts.confirmations);
    if (receipt.status !== 'success') throw new Error(`${functionName}(${args.join(', ')}) on ${address} reverted (tx ${hash})`);
  };

  const admin = opts.admin ?? deployer;
  // The deployer administers the system until the end of this function, then hands over (two steps).
  const service = await deploy('Service', [
    opts.adminTransferDelay ?? (local ? 0 : TWO_DAYS),
    deployer,
    opts.feeRecipient ?? deployer,
    opts.feeBps ?? 100,
    opts.tenantShareBps ?? 2_000,
    opts.complianceSigner ?? deployer,
  ]);
  const paymentToken = opts.paymentToken ?? (await deploy('TestStablecoin', ['Test USD', 'tUSD', 6]));
  const escrowImplementation = await deploy('Escrow', [service]);
  const escrowFactory = await deploy('EscrowFactory', [service, escrowImplementation]);
  const saleDeployer = await deploy('SaleDeployer', []);
  const poolImplementation = await deploy('Pool', []);
  const stakingPoolDeployer = await deploy('StakingPoolDeployer', []);
  const lendingPoolDeployer = await deploy('LendingPoolDeployer', []);

  for (const pauser of opts.pausers ?? [deployer]) {
    await write(service, serviceAbi, 'grantRole', [keccak256(stringToHex('PAUSER_ROLE')), pauser]);
  }
  // Tenants get their factories when they are provisioned (src/server/chain/tenant-contracts.ts);
  // only callers that name tenants (the contract tests) get factories here.
  const tenants = opts.tenants ?? [];
  const tenantFactories: Deployments['tenantFactories'] = [];
  for (const tenant of tenants) {
    const treasury = tenant.treasury ?? deployer;
    const address = await deploy('TenantFactory', [service, escrowFactory, saleDeployer, poolImplementation, stakingPoolDeployer, lendingPoolDeployer, tenant.tenantId, treasury]);
    await write(escrowFactory, escrowFactoryAbi, 'registerTenantFactory', [address]);
    for (const operator of tenant.operators ?? [deployer]) {
      await write(service, serviceAbi, 'grantRole', [tenantOperatorRole(tenant.tenantId), operator]);
    }
    for (const tenantAdmin of tenant.admins ?? [deployer]) {
      await write(service, serviceAbi, 'grantRole', [tenantAdminRole(tenant.tenantId), tenantAdmin]);
    }
    tenantFactories.push({ name: tenant.name, tenantId: tenant.tenantId, address });
  }
  if (getAddress(admin) !== getAddress(deployer)) {
    await write(service, serviceAbi, 'beginDefaultAdminTransfer', [admin]);
    log(`platform admin transfer to ${admin} started: it must call acceptDefaultAdminTransfer() after the delay`);
  }

  return {
    chainId,
    deployer,
    deployedAtBlock: (startBlock + 1n).toString(),
    service,
    paymentToken,
    escrowImplementation,
    escrowFactory,
    saleDeployer,
    poolImplementation,
    stakingPoolDeployer,
    lendingPoolDeployer,
    tenantFactories,
  };
}

/** Mirrors Service.tenantOperatorRole: keccak256(abi.encode("TENANT_OPERATOR", tenantId)). */
export function tenantOperatorRole(tenantId: Hex): Hex {
  return keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'bytes32' }], ['TENANT_OPERATOR', tenantId]));
}

/** Mirrors Service.tenantAdminRole. */
export function tenantAdminRole(tenantId: Hex): Hex {
  return keccak256(encodeAbiParameters([{ type: 'string' }, { type: 'bytes32' }], ['TENANT_ADMIN', tenantId]));
}

/** True when every recorded address still holds code (a restarted chain with persisted state). */
export async function isSystemDeployed(publicClient: PublicClient, d: Deployments): Promise<boolean> {
  const addresses = [d.service, d.paymentToken, d.escrowImplementation, d.escrowFactory, d.saleDeployer, d.poolImplementation, d.stakingPoolDeployer, d.lendingPoolDeployer, ...d.tenantFactories.map((t) => t.address)];
  const codes = await Promise.all(addresses.map((address) => publicClient.getCode({ address })));
  return codes.every((code) => code !== undefined && code !== '0x');
}
