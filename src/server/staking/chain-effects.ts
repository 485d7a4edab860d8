// What a staking pool's chain events do to the tenant's rows (the indexer calls this; see
// docs/chain-indexer.md). The pool's creation activates the pending pool the admin asked for; its
// stake movements and reward events become history rows carrying the log's identity, which is how a
// reorg takes them back.
import type { TenantTx } from '../db/tenant';
import { uuidv7 } from '../ids';
import { tenantUuidOf } from '../chain/indexer/events';
import { activateFactoryPool, deactivateFactoryPool, factoryPoolIdByAddress, type ChainLog } from '../chain/indexer/repo';
import { deleteStakingRowsOfLog, insertRewardEvent, insertStakeMovement } from './repo';

export type StakingEffect = { k: 'staking_pool_activated'; poolId: string } | { k: 'staking_row' };

const big = (v: unknown) => BigInt(String(v));
const secondsToDate = (v: unknown) => new Date(Number(v) * 1000);

/** TenantFactory.StakingPoolCreated: the on-chain pool id is the pool row's UUID, as bytes32. */
export async function applyStakingPoolCreated(t: TenantTx, args: Record<string, unknown>, log: ChainLog): Promise<StakingEffect[]> {
  const id = tenantUuidOf(args.poolId);
  if (!id) return [];
  const activated = await activateFactoryPool(t, 'staking_pools', id, String(args.pool), log);
  return activated ? [{ k: 'staking_pool_activated', poolId: activated }] : [];
}

/** An event of a staking pool the platform created. Pools the app did not ask for have no row: nothing to write. */
export async function applyStakingPoolEvent(t: TenantTx, address: string, name: string, args: Record<string, unknown>, log: ChainLog): Promise<StakingEffect[]> {
  const poolId = await factoryPoolIdByAddress(t, 'staking_pools', log.chainId, address);
  if (!poolId) return [];
  const user = String(args.user ?? '');
  switch (name) {
    case 'Staked':
      await insertStakeMovement(t, { id: uuidv7(), poolId, wallet: user, kind: 'stake', amount: big(args.amount), penalty: 0n, balanceAfter: big(args.balance), lockedUntil: secondsToDate(args.lockedUntil) }, log);
      break;
    case 'Withdrawn':
      await insertStakeMovement(t, { id: uuidv7(), poolId, wallet: user, kind: 'withdraw', amount: big(args.amount), penalty: big(args.penalty), balanceAfter: big(args.balance), lockedUntil: null }, log);
      break;
    case 'EmergencyWithdrawn':
      await insertStakeMovement(t, { id: uuidv7(), poolId, wallet: user, kind: 'emergency_withdraw', amount: big(args.amount), penalty: 0n, balanceAfter: 0n, lockedUntil: null }, log);
      break;
    case 'RewardAdded':
      await insertRewardEvent(t, { id: uuidv7(), poolId, kind: 'funded', wallet: null, amount: big(args.reward), rewardRateScaled: big(args.rewardRateScaled), periodFinish: secondsToDate(args.periodFinish) }, log);
      break;
    case 'RewardPaid':
      await insertRewardEvent(t, { id: uuidv7(), poolId, kind: 'paid', wallet: user, amount: big(args.reward), rewardRateScaled: null, periodFinish: null }, log);
      break;
    case 'RewardsRecovered':
      await insertRewardEvent(t, { id: uuidv7(), poolId, kind: 'recovered', wallet: null, amount: big(args.amount), rewardRateScaled: null, periodFinish: null }, log);
      break;
    default:
      return [];
  }
  return [{ k: 'staking_row' }];
}

export async function undoStakingEffect(t: TenantTx, ef: StakingEffect, log: { chainId: number; txHash: string; logIndex: number }): Promise<void> {
  if (ef.k === 'staking_pool_activated') await deactivateFactoryPool(t, 'staking_pools', ef.poolId);
  else await deleteStakingRowsOfLog(t, log);
}
