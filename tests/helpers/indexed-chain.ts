// A fresh anvil (with its own chain id, so runs sharing one database never mix cursors), the
// platform's contracts deployed for the test's tenants, and the real chain writes: the
// investor's wallet mints, approves and funds its escrow; the tenant's operator releases; its
// admin rejects. The indexer under test is pointed at it.
import { randomInt } from 'node:crypto';
import { createPublicClient, createTestClient, createWalletClient, defineChain, http, parseEventLogs, type Address, type Hex, type PublicClient } from 'viem';
import { escrowAbi } from '../../contracts/abi/Escrow';
import { escrowFactoryAbi } from '../../contracts/abi/EscrowFactory';
import { tenantFactoryAbi } from '../../contracts/abi/TenantFactory';
import { testStablecoinAbi } from '../../contracts/abi/TestStablecoin';
import { tokenSaleAbi } from '../../contracts/abi/TokenSale';
import { findFreePort, spawnAnvil, type AnvilProcess } from '../../src/server/chain/anvil';
import { deployContract, deploySystem, receiptOf, tenantIdFromUuid } from '../../src/server/chain/deploy';
import type { Deployments } from '../../src/server/chain/deployments';
import type { IndexedChain } from '../../src/server/chain/indexer/sync';
import { localAccount } from '../../src/server/chain/local-chain';

export type IndexedTestChain = Awaited<ReturnType<typeof startIndexedChain>>;

const GAS = 8_000_000n;

export async function startIndexedChain(tenantIds: string[], opts: { confirmations?: number; batchBlocks?: bigint } = {}) {
  const chainId = 900_000 + randomInt(1, 99_999_999);
  const anvil: AnvilProcess = await spawnAnvil({ port: await findFreePort(), chainId });
  const chain = defineChain({ id: chainId, name: `test-${chainId}`, nativeCurrency: { name: 'Ether', symbol: 'ETH', decimals: 18 }, rpcUrls: { default: { http: [anvil.rpcUrl] } } });
  const transport = http(anvil.rpcUrl);
  const publicClient = createPublicClient({ chain, transport, pollingInterval: 5 }) as PublicClient;
  const testClient = createTestClient({ chain, transport, mode: 'anvil' });
  const deployer = localAccount(0);
  const operators = tenantIds.map((_, i) => localAccount(1 + i));
  const walletOf = (account: ReturnType<typeof localAccount>) => createWalletClient({ chain, transport, account, pollingInterval: 5 });
  const deployerWallet = walletOf(deployer);
  const paymentToken = await deployContract({ publicClient, walletClient: deployerWallet }, 'TestStablecoin', ['Test USD', 'tUSD', 6]);
  const saleToken = await deployContract({ publicClient, walletClient: deployerWallet }, 'TestStablecoin', ['Deal Token', 'DEAL', 18]);
  const system: Deployments = await deploySystem({
    publicClient,
    walletClient: deployerWallet,
    paymentToken,
    admin: deployer.address,
    adminTransferDelay: 0,
    pausers: [deployer.address],
    feeRecipient: deployer.address,
    complianceSigner: deployer.address,
    tenants: tenantIds.map((id, i) => ({ name: `t${i}`, tenantId: tenantIdFromUuid(id), treasury: operators[i]!.address, operators: [operators[i]!.address], admins: [operators[i]!.address] })),
  });

  async function send(account: ReturnType<typeof localAccount>, to: Address, abi: unknown, functionName: string, args: readonly unknown[]) {
    const hash = await walletOf(account).writeContract({ address: to, abi: abi as never, functionName: functionName as never, args: args as never, gas: GAS } as never);
    const receipt = await receiptOf(publicClient, hash);
    if (receipt.status !== 'success') throw new Error(`${functionName} reverted (${hash})`);
    return receipt;
  }

  /** A sale of tenant `i`'s factory, open now, every test investor allowlisted. */
  async function createSale(i: number): Promise<Address> {
    const now = (await publicClient.getBlock()).timestamp;
    const receipt = await send(operators[i]!, system.tenantFactories[i]!.address, tenantFactoryAbi, 'createSale', [
      {
        dealId: `0x${randomInt(1, 2 ** 40).toString(16).padStart(64, '0')}` as Hex,
        paymentToken,
        saleToken,
        issuerTreasury: operators[i]!.address,
        softCap: 1n,
        hardCap: 10n ** 30n,
        minInvestment: 1n,
        maxInvestment: 10n ** 29n,
        startTime: now,
        endTime: now + 365n * 24n * 3600n,
        tokensPerPaymentUnit: 10n ** 30n,
      },
    ]);
    const [created] = parseEventLogs({ abi: tenantFactoryAbi, logs: receipt.logs, eventName: 'SaleCreated' });
    const sale = created!.args.sale;
    await send(operators[i]!, sale, tokenSaleAbi, 'setAllowlist', [investors.map((a) => a.address), true]);
    return sale;
  }

  const investors = [5, 6, 7, 8, 9].map((n) => localAccount(n));

  /** The investor's wallet: mint, approve the EscrowFactory for the exact amount, fund a new escrow. */
  async function fundEscrow(investor: ReturnType<typeof localAccount>, sale: Address, amount: bigint): Promise<{ escrow: Address; txHash: Hex; blockNumber: bigint }> {
    await send(investor, paymentToken, testStablecoinAbi, 'mint', [investor.address, amount]);
    await send(investor, paymentToken, testStablecoinAbi, 'approve', [system.escrowFactory, amount]);
    const receipt = await send(investor, system.escrowFactory, escrowFactoryAbi, 'createEscrow', [sale, amount]);
    const [created] = parseEventLogs({ abi: escrowFactoryAbi, logs: receipt.logs, eventName: 'EscrowCreated' });
    return { escrow: created!.args.escrow, txHash: receipt.transactionHash, blockNumber: receipt.blockNumber };
  }

  const release = (i: number, escrow: Address) => send(operators[i]!, escrow, escrowAbi, 'release', []);
  const reject = (i: number, escrow: Address) => send(operators[i]!, escrow, escrowAbi, 'reject', []);
  const refundAfterTimeout = (escrow: Address) => send(investors[0]!, escrow, escrowAbi, 'refundAfterTimeout', []);

  const indexed: IndexedChain = {
    chainId,
    client: publicClient,
    confirmations: opts.confirmations ?? 1,
    escrowFactories: [system.escrowFactory],
    startBlock: BigInt(system.deployedAtBlock),
    batchBlocks: opts.batchBlocks ?? 500n,
  };

  return { chainId, anvil, publicClient, testClient, system, indexed, investors, operators, createSale, fundEscrow, release, reject, refundAfterTimeout, send, stop: anvil.stop };
}
