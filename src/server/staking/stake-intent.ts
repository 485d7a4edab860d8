// A member's stake, checked before their wallet signs it. The pool contract accepts any address,
// so the tenant's rules (verification level, linked wallet) are enforced here, where the page asks
// for the transactions to sign; the contract's own limits (pause, caps) are checked against its
// state now, so the member reads why instead of a reverted transaction.
import { encodeFunctionData, erc20Abi, type Address } from 'viem';
import { stakingPoolAbi } from '../../../contracts/abi/StakingPool';
import type { Principal } from '../auth/principal';
import { publicClientFor } from '../chain/network';
import { withTenant } from '../db/tenant';
import { AppError, Conflict, NotFound, ValidationError } from '../errors';
import type { TenantContext } from '../tenancy/resolve';
import { listLinks } from '../wallets/repo';
import { findStakingPool } from './repo';
import type { StakeIntentInput } from './schema';
import { eligibility, isStaff, requireStaking } from './service';

const LEVEL_NAMES: Record<string, string> = { none: 'none', basic: 'basic (email confirmed)', standard: 'standard (identity verified)', enhanced: 'enhanced', accredited: 'accredited' };

export async function stakeIntent(tenant: TenantContext, principal: Principal, id: string, input: StakeIntentInput) {
  requireStaking(tenant);
  const amount = BigInt(input.amount);
  const { pool, linked, access } = await withTenant(tenant.id, { userId: principal.userId }, async (t) => {
    const pool = await findStakingPool(t, id);
    if (!pool || (pool.status !== 'active' && !isStaff(principal))) throw new NotFound('Staking pool not found');
    const linked = (await listLinks(t, principal.userId)).some((w) => Number(w.chain_id) === Number(pool.chain_id) && w.address.toLowerCase() === input.wallet);
    return { pool, linked, access: await eligibility(t, pool, principal) };
  });
  if (!access.eligible)
    throw new AppError(
      403,
      'verification_level_required',
      `This pool is open to verification level ${LEVEL_NAMES[access.requiredLevel]} and above; yours is ${LEVEL_NAMES[access.currentLevel]}. Complete your verification to stake in it.`,
      { requiredLevel: access.requiredLevel, currentLevel: access.currentLevel },
    );
  if (!pool.pool_address) throw new Conflict('staking_pool_not_active', 'The pool is not on chain yet');
  if (!linked) throw new ValidationError([{ field: 'wallet', message: `${input.wallet} is not linked to your account on chain ${pool.chain_id}: link it on your profile first` }]);

  const client = publicClientFor(Number(pool.chain_id));
  const address = pool.pool_address as Address;
  const wallet = input.wallet as Address;
  const [paused, staked, totalStaked, allowance] = await Promise.all([
    client.readContract({ address, abi: stakingPoolAbi, functionName: 'paused' }),
    client.readContract({ address, abi: stakingPoolAbi, functionName: 'balanceOf', args: [wallet] }),
    client.readContract({ address, abi: stakingPoolAbi, functionName: 'totalStaked' }),
    client.readContract({ address: pool.staking_token as Address, abi: erc20Abi, functionName: 'allowance', args: [wallet, address] }),
  ]);
  if (paused) throw new Conflict('staking_pool_paused', 'The pool is paused: no new stakes until the platform resumes it');
  const perUser = BigInt(pool.max_stake_per_user);
  if (perUser !== 0n && staked + amount > perUser)
    throw new ValidationError([{ field: 'amount', message: `would bring this wallet's stake to ${staked + amount} base units, above the pool's limit of ${perUser} per staker` }]);
  const total = BigInt(pool.max_total_staked);
  if (total !== 0n && totalStaked + amount > total)
    throw new ValidationError([{ field: 'amount', message: `would bring the pool to ${totalStaked + amount} base units staked, above its total cap of ${total} (room left: ${total - totalStaked})` }]);

  // Exactly the amount is approved, never an unlimited allowance.
  const transactions = [
    ...(allowance < amount ? [{ purpose: 'approve' as const, to: pool.staking_token, data: encodeFunctionData({ abi: erc20Abi, functionName: 'approve', args: [address, amount] }) }] : []),
    { purpose: 'stake' as const, to: pool.pool_address, data: encodeFunctionData({ abi: stakingPoolAbi, functionName: 'stake', args: [amount] }) },
  ];
  return { intent: { poolId: pool.id, chainId: Number(pool.chain_id), wallet: input.wallet, amount: amount.toString(), transactions } };
}
