// The calls a member's wallet sends to a lending pool (supply, withdraw, collateral in and out,
// borrow, repay, liquidate), prepared and checked here so every refusal is a clear 4xx before the
// member signs anything: the feature flag, the verification level and the acknowledged disclosure
// for what takes on risk (supply, collateral, borrow), the wallet's balance, and the contract's own
// answer (simulated at the current block) for what it would refuse. Getting money out (withdraw,
// repay) is never gated by level or disclosure.
import { BaseError, ContractFunctionRevertedError, encodeFunctionData, erc20Abi, type Address, type Hex } from 'viem';
import { lendingPoolAbi } from '../../../contracts/abi/LendingPool';
import type { Principal } from '../auth/principal';
import { publicClientFor } from '../chain/network';
import { VerificationLevelRequired } from '../compliance/action-levels';
import { withTenant } from '../db/tenant';
import { Conflict, Forbidden, NotFound, ValidationError } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { baseUnitsOf, requireLending, WAD } from './access';
import { readPosition } from './chain-state';
import { accessOf, linkedWallets } from './member';
import { collateralsOf, findLendingPool } from './repo';
import type { WalletCallInput } from './schema';

const MAX = 2n ** 256n - 1n;
const TAKES_RISK = new Set(['supply', 'deposit_collateral', 'borrow']);

/** The contract's errors, as the API names them. */
const REVERTS: Record<string, [string, string]> = {
  InsufficientCollateral: ['insufficient_collateral', 'Your collateral does not cover this: borrow less or add collateral'],
  InsufficientLiquidity: ['insufficient_liquidity', 'The pool does not hold that much cash right now'],
  InsufficientBalance: ['insufficient_balance', 'That is more than you have in the pool'],
  StalePrice: ['stale_price', 'A collateral price is older than its limit; the pool refuses to value positions until it is updated'],
  BadPrice: ['stale_price', 'A collateral has no valid price yet'],
  PoolPaused: ['pool_paused', 'The pool is paused: only repayments and collateral deposits go through'],
  Healthy: ['position_healthy', 'The position is not below health 1; it cannot be liquidated'],
  NothingToRepay: ['nothing_to_repay', 'The position has no debt'],
  ZeroAmount: ['amount_too_small', 'The amount rounds to nothing'],
};

type Call = { to: string; data: Hex; value: '0'; description: string };

export async function prepareWalletCall(tenant: TenantContext, principal: Principal, id: string, input: WalletCallInput) {
  requireLending(tenant);
  const { pool, collaterals, access, wallets } = await withTenant(tenant.id, { userId: principal.userId }, async (t) => {
    const pool = await findLendingPool(t, id);
    if (!pool || pool.status !== 'active') throw new NotFound('Lending pool not found');
    return { pool, collaterals: await collateralsOf(t, id), access: await accessOf(t, pool, principal), wallets: await linkedWallets(t, principal.userId, Number(pool.chain_id)) };
  });
  const { action } = input;
  if (action !== 'liquidate' && !wallets.includes(input.wallet)) throw new ValidationError([{ field: 'wallet', message: `${input.wallet} is not a wallet linked to your account on chain ${pool.chain_id}` }]);
  if (TAKES_RISK.has(action)) {
    if (!access.eligible) throw new VerificationLevelRequired('trade', access.requiredLevel, access.currentLevel, true);
    if (!access.disclosure) throw new Conflict('disclosure_missing', 'This platform has not published its lending risk disclosure yet, so lending is not open');
    if (!access.disclosure.acknowledged) throw new Forbidden(`Read and acknowledge the lending risk disclosure (version ${access.disclosure.version}) first`, 'disclosure_not_acknowledged');
  }
  const collateral = input.token ? collaterals.find((c) => c.token === input.token) : undefined;
  if (input.token && !collateral) throw new ValidationError([{ field: 'token', message: `${input.token} is not a collateral of this pool` }]);

  const chainId = Number(pool.chain_id);
  const client = publicClientFor(chainId);
  const poolAddress = pool.pool_address as Address;
  const wallet = input.wallet as Address;
  const decimals = action === 'deposit_collateral' || action === 'withdraw_collateral' ? collateral!.decimals : pool.asset_decimals;
  const amount = input.amount === 'max' ? MAX : baseUnitsOf(input.amount, decimals, 'amount');
  if (amount === 0n) throw new ValidationError([{ field: 'amount', message: 'amount must be above zero' }]);

  let main: { functionName: string; args: readonly unknown[] };
  let pull: { token: Address; amount: bigint; needed: bigint } | null = null;
  switch (action) {
    case 'supply':
      main = { functionName: 'supply', args: [amount] };
      pull = { token: pool.asset_token as Address, amount, needed: amount };
      break;
    case 'withdraw':
      main = { functionName: 'withdraw', args: [amount] };
      break;
    case 'deposit_collateral':
      main = { functionName: 'depositCollateral', args: [input.token, amount] };
      pull = { token: input.token as Address, amount, needed: amount };
      break;
    case 'withdraw_collateral':
      main = { functionName: 'withdrawCollateral', args: [input.token, amount] };
      break;
    case 'borrow':
      main = { functionName: 'borrow', args: [amount] };
      break;
    case 'repay': {
      const borrower = (input.borrower ?? wallet) as Address;
      const debt = (await readPosition(pool, [], borrower)).debt;
      if (debt === 0n) throw new Conflict('nothing_to_repay', `${borrower} has no debt in this pool`);
      // Interest accrues until the repayment is mined: "max" approves a thousandth more than the debt now.
      const pulled = amount >= debt ? debt + debt / 1000n + 1n : amount;
      main = { functionName: 'repay', args: [borrower, amount >= debt ? MAX : amount] };
      pull = { token: pool.asset_token as Address, amount: pulled, needed: amount >= debt ? debt : amount };
      break;
    }
    case 'liquidate': {
      const borrower = input.borrower as Address;
      const p = await readPosition(pool, collaterals, borrower);
      if (p.debt === 0n || p.healthFactor === null || p.healthFactor >= WAD) {
        throw new Conflict('position_healthy', p.debt === 0n ? `${borrower} has no debt in this pool` : `${borrower} is not below health 1 (health ${p.healthFactor === null ? 'unknown: a price is refused' : p.healthFactor.toString()} x 1e-18)`);
      }
      const cap = (p.debt * BigInt(pool.close_factor_bps) + 9_999n) / 10_000n;
      const repay = amount < cap ? amount : cap;
      main = { functionName: 'liquidate', args: [borrower, input.token, amount] };
      pull = { token: pool.asset_token as Address, amount: repay + repay / 1000n + 1n, needed: repay };
      break;
    }
  }

  const calls: Call[] = [];
  if (pull) {
    const [balance, allowance] = await Promise.all([
      client.readContract({ address: pull.token, abi: erc20Abi, functionName: 'balanceOf', args: [wallet] }),
      client.readContract({ address: pull.token, abi: erc20Abi, functionName: 'allowance', args: [wallet, poolAddress] }),
    ]);
    if (balance < pull.needed) throw new Conflict('insufficient_wallet_balance', `${wallet} holds ${balance} base units of ${pull.token} and this needs ${pull.needed}`);
    if (allowance < pull.amount) {
      calls.push({ to: pull.token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [poolAddress, pull.amount] }), value: '0', description: `approve ${pull.amount} base units for the pool` });
    }
  }
  // With the allowance in place the contract's answer is known now: refuse what it would refuse.
  if (calls.length === 0) await simulate(client, wallet, poolAddress, main);
  calls.push({ to: poolAddress, data: encodeFunctionData({ abi: lendingPoolAbi, functionName: main.functionName, args: main.args } as Parameters<typeof encodeFunctionData>[0]), value: '0', description: action });
  return { chainId, pool: poolAddress, action, amount: amount === MAX ? 'max' : amount.toString(), calls };
}

async function simulate(client: ReturnType<typeof publicClientFor>, account: Address, address: Address, main: { functionName: string; args: readonly unknown[] }): Promise<void> {
  try {
    await client.simulateContract({ account, address, abi: lendingPoolAbi, functionName: main.functionName, args: main.args } as Parameters<typeof client.simulateContract>[0]);
  } catch (e) {
    const reverted = e instanceof BaseError ? e.walk((x) => x instanceof ContractFunctionRevertedError) : null;
    const name = reverted instanceof ContractFunctionRevertedError ? reverted.data?.errorName : undefined;
    const known = name ? REVERTS[name] : undefined;
    if (known) throw new Conflict(known[0], known[1]);
    if (reverted) throw new Conflict('call_refused', `The pool refuses this call${name ? ` (${name})` : ''}`);
    throw e;
  }
}
