// A fresh anvil per test file with the whole system deployed, plus small helpers to send
// transactions as named actors, read state, travel in time and decode reverts by error name.
import {
  BaseError,
  ContractFunctionRevertedError,
  createPublicClient,
  createTestClient,
  createWalletClient,
  decodeErrorResult,
  encodeFunctionData,
  http,
  parseEventLogs,
  type Abi,
  type Address,
  type Hex,
  type TransactionReceipt,
} from 'viem';
import { foundry } from 'viem/chains';
import { spawnAnvil, findFreePort, type AnvilProcess } from '../../../src/server/chain/anvil';
import { deploySystem, deployContract, receiptOf, tenantOperatorRole, DEMO_TENANT_ID } from '../../../src/server/chain/deploy';
import { localAccount } from '../../../src/server/chain/local-chain';
import type { Deployments } from '../../../src/server/chain/deployments';
import { loadArtifact } from '../../compile';
import * as abis from '../../abi';

export { abis };

/** Every custom error of every contract, so a revert bubbling up through nested calls still decodes. */
const errorAbi: Abi = Object.values(abis)
  .flatMap((abi) => (abi as Abi).filter((item) => item.type === 'error'))
  .filter((item, i, all) => all.findIndex((other) => JSON.stringify(other) === JSON.stringify(item)) === i);

export const DAY = 24n * 60n * 60n;
/** A second tenant, so tests can show one tenant's roles reach nothing of another's. */
export const OTHER_TENANT_ID: Hex = `0x${'07'.repeat(32)}`;
export const USD = 1_000_000n; // the 6-decimal test stablecoin
export const TOKEN = 10n ** 18n;
/** 1 deal token (18 decimals) per 1 USD (6 decimals), scaled by 1e18 as TokenSale expects. */
export const ONE_TOKEN_PER_USD = 10n ** 12n * 10n ** 18n;
const GAS_LIMIT = 8_000_000n;

const roles = ['admin', 'operator', 'issuer', 'tenantTreasury', 'feeRecipient', 'signer', 'alice', 'bob', 'carol', 'dave', 'mallory', 'otherOperator'] as const;
export type Actor = (typeof roles)[number];

export type TxResult = { receipt: TransactionReceipt; error?: string; errorArgs?: readonly unknown[] };

export type Harness = Awaited<ReturnType<typeof startHarness>>;

export async function startHarness() {
  const anvil: AnvilProcess = await spawnAnvil({ port: await findFreePort() });
  const transport = http(anvil.rpcUrl);
  const publicClient = createPublicClient({ chain: foundry, transport, pollingInterval: 5 });
  const testClient = createTestClient({ chain: foundry, transport, mode: 'anvil' });
  const accounts = Object.fromEntries(roles.map((r, i) => [r, localAccount(i)])) as Record<Actor, ReturnType<typeof localAccount>>;
  const addr = Object.fromEntries(roles.map((r) => [r, accounts[r].address])) as Record<Actor, Address>;
  // Unlocked anvil accounts: anvil signs, so each transaction is a single RPC round trip.
  const wallet = createWalletClient({ chain: foundry, transport, pollingInterval: 5 });
  const adminWallet = createWalletClient({ chain: foundry, transport, account: accounts.admin, pollingInterval: 5 });
  // anvil funds its first ten accounts; the extra actors get ETH here and are impersonated.
  for (const extra of ['mallory', 'otherOperator'] as const) {
    await testClient.setBalance({ address: addr[extra], value: 10n ** 22n });
    await testClient.impersonateAccount({ address: addr[extra] });
  }

  const system: Deployments = await deploySystem({
    publicClient,
    walletClient: adminWallet,
    feeRecipient: addr.feeRecipient,
    feeBps: 200,
    tenantShareBps: 2_500,
    complianceSigner: addr.signer,
    pausers: [addr.admin, addr.operator],
    tenants: [
      { name: 'demo', tenantId: DEMO_TENANT_ID, treasury: addr.tenantTreasury, operators: [addr.operator], admins: [addr.admin] },
      { name: 'other', tenantId: OTHER_TENANT_ID, treasury: addr.otherOperator, operators: [addr.otherOperator], admins: [addr.otherOperator] },
    ],
  });
  const tenantFactory = system.tenantFactories[0]!.address;
  const otherTenantFactory = system.tenantFactories[1]!.address;

  async function send(from: Actor | Address, to: Address, abi: Abi, functionName: string, args: readonly unknown[] = [], value = 0n): Promise<TxResult> {
    const account = from.startsWith('0x') ? (from as Address) : addr[from as Actor];
    const data = encodeFunctionData({ abi, functionName, args } as Parameters<typeof encodeFunctionData>[0]);
    const hash = await wallet.sendTransaction({ account, to, data, value, gas: GAS_LIMIT, chain: foundry });
    if (process.env.INVARIANT_DEBUG) console.log(`send ${functionName} from ${account} to ${to} value ${value} -> ${hash}`);
    const receipt = await receiptOf(publicClient, hash);
    if (receipt.status === 'success') return { receipt };
    // Replay the call on the block it was mined in to learn why it reverted.
    try {
      await publicClient.call({ account, to, data, value, blockNumber: receipt.blockNumber, gas: GAS_LIMIT });
    } catch (err) {
      return { receipt, ...decodeRevert(err) };
    }
    return { receipt, error: 'unknown revert' };
  }

  async function read<T = unknown>(address: Address, abi: Abi, functionName: string, args: readonly unknown[] = []): Promise<T> {
    return (await publicClient.readContract({ address, abi, functionName, args })) as T;
  }

  async function deploy(name: string, args: readonly unknown[]): Promise<Address> {
    return deployContract({ publicClient, walletClient: adminWallet }, name, args);
  }

  async function now(): Promise<bigint> {
    return (await publicClient.getBlock()).timestamp;
  }

  /** The next transaction is mined with exactly this timestamp. */
  async function setNextTimestamp(timestamp: bigint): Promise<void> {
    await testClient.setNextBlockTimestamp({ timestamp });
  }

  async function increaseTime(seconds: bigint): Promise<void> {
    await testClient.increaseTime({ seconds: Number(seconds) });
    await testClient.mine({ blocks: 1 });
  }

  async function snapshot(): Promise<Hex> {
    return testClient.snapshot();
  }

  async function revert(id: Hex): Promise<void> {
    await testClient.revert({ id });
  }

  const operatorRole = tenantOperatorRole(DEMO_TENANT_ID);

  const paymentToken = system.paymentToken;
  const saleToken = await deploy('TestStablecoin', ['Deal Token', 'DEAL', 18]);

  async function balanceOf(token: Address, who: Address): Promise<bigint> {
    return read<bigint>(token, abis.testStablecoinAbi, 'balanceOf', [who]);
  }

  async function fund(who: Actor | Address, amount: bigint, token: Address = paymentToken): Promise<void> {
    const account = who.startsWith('0x') ? (who as Address) : addr[who as Actor];
    expectOk(await send('admin', token, abis.testStablecoinAbi, 'mint', [account, amount]));
  }

  async function approve(who: Actor, spender: Address, amount: bigint, token: Address = paymentToken): Promise<void> {
    expectOk(await send(who, token, abis.testStablecoinAbi, 'approve', [spender, amount]));
  }

  type SaleOverrides = Partial<{
    paymentToken: Address;
    saleToken: Address;
    softCap: bigint;
    hardCap: bigint;
    minInvestment: bigint;
    maxInvestment: bigint;
    startTime: bigint;
    endTime: bigint;
    tokensPerPaymentUnit: bigint;
    dealId: Hex;
  }>;

  let dealCounter = 0n;
  async function createSale(o: SaleOverrides = {}, factory: Address = tenantFactory, by: Actor = 'operator'): Promise<Address> {
    const start = o.startTime ?? (await now());
    dealCounter += 1n;
    const params = {
      dealId: o.dealId ?? (`0x${dealCounter.toString(16).padStart(64, '0')}` as Hex),
      paymentToken: o.paymentToken ?? paymentToken,
      saleToken: o.saleToken ?? saleToken,
      issuerTreasury: addr.issuer,
      softCap: o.softCap ?? 1_000n * USD,
      hardCap: o.hardCap ?? 10_000n * USD,
      minInvestment: o.minInvestment ?? 100n * USD,
      maxInvestment: o.maxInvestment ?? 5_000n * USD,
      startTime: start,
      endTime: o.endTime ?? start + 30n * DAY,
      tokensPerPaymentUnit: o.tokensPerPaymentUnit ?? ONE_TOKEN_PER_USD,
    };
    const result = expectOk(await send(by, factory, abis.tenantFactoryAbi, 'createSale', [params]));
    const [event] = parseEventLogs({ abi: abis.tenantFactoryAbi, logs: result.receipt.logs, eventName: 'SaleCreated' });
    return event!.args.sale;
  }

  async function allow(sale: Address, investors: Address[], by: Actor = 'operator'): Promise<void> {
    expectOk(await send(by, sale, abis.tokenSaleAbi, 'setAllowlist', [investors, true]));
  }

  /** The investor opens their own ERC-20 escrow at the EscrowFactory, minting and approving first. */
  async function openEscrow(sale: Address, investor: Actor, amount: bigint): Promise<{ escrow: Address; result: TxResult }> {
    await fund(investor, amount);
    await approve(investor, system.escrowFactory, amount);
    const result = expectOk(await send(investor, system.escrowFactory, abis.escrowFactoryAbi, 'createEscrow', [sale, amount]));
    const [event] = parseEventLogs({ abi: abis.escrowFactoryAbi, logs: result.receipt.logs, eventName: 'EscrowCreated' });
    return { escrow: event!.args.escrow, result };
  }

  return {
    anvil,
    publicClient,
    testClient,
    accounts,
    addr,
    system,
    tenantFactory,
    otherTenantFactory,
    operatorRole,
    paymentToken,
    saleToken,
    send,
    read,
    deploy,
    now,
    setNextTimestamp,
    increaseTime,
    snapshot,
    revert,
    balanceOf,
    fund,
    approve,
    createSale,
    allow,
    openEscrow,
    stop: anvil.stop,
    artifact: loadArtifact,
  };
}

function decodeRevert(err: unknown): { error: string; errorArgs?: readonly unknown[] } {
  const reverted = err instanceof BaseError ? err.walk((e) => e instanceof ContractFunctionRevertedError) : undefined;
  const raw =
    (reverted as ContractFunctionRevertedError | undefined)?.raw ??
    ((err as { data?: Hex; cause?: { data?: Hex } }).cause?.data || (err as { data?: Hex }).data);
  const data = typeof raw === 'string' ? raw : findHexData(err);
  if (!data || data === '0x') return { error: 'revert without data' };
  try {
    const decoded = decodeErrorResult({ abi: errorAbi, data });
    return { error: decoded.errorName, errorArgs: decoded.args };
  } catch {
    return { error: `undecoded ${data.slice(0, 10)}` };
  }
}

/** viem nests the revert payload differently for eth_call failures; dig for the first hex `data`. */
function findHexData(err: unknown, depth = 0): Hex | undefined {
  if (!err || typeof err !== 'object' || depth > 6) return undefined;
  const data = (err as { data?: unknown }).data;
  if (typeof data === 'string' && data.startsWith('0x')) return data as Hex;
  return findHexData((err as { cause?: unknown }).cause, depth + 1);
}

export function expectOk(result: TxResult): TxResult {
  if (result.receipt.status !== 'success') throw new Error(`transaction reverted: ${result.error}`);
  return result;
}

export function expectRevert(result: TxResult, errorName: string): void {
  if (result.receipt.status === 'success') throw new Error(`expected revert ${errorName}, but the transaction succeeded`);
  if (result.error !== errorName) throw new Error(`expected revert ${errorName}, got ${result.error}`);
}
