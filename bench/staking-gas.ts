// Gas per StakingPool operation from transaction receipts on a fresh anvil (cancun), each against a
// plain ERC-20 transfer of the same token measured in the same run (the ceiling: no staking operation
// can cost less than the transfers it makes).
// Run: npx tsx bench/staking-gas.ts   (prints a markdown table for bench/BENCHMARKS.md)
import { parseEventLogs } from 'viem';
import { gasOf } from './lib/gas';
import { abis, DAY, TOKEN, USD, expectOk, startHarness } from '../contracts/test/support/harness';

const { stakingPoolAbi, tenantFactoryAbi, testStablecoinAbi } = abis;

type Row = { operation: string; gas: bigint; transfers: number };

async function main(): Promise<void> {
  const h = await startHarness();
  const rows: Row[] = [];
  try {
    const stakeToken = h.saleToken;
    for (const who of ['alice', 'bob'] as const) await h.fund(who, 1_000n * TOKEN, stakeToken);
    await h.fund('operator', 100_000n * USD);

    // The ceiling: a plain ERC-20 transfer to an address that already holds the token (warm balance).
    await h.fund('carol', 1n, stakeToken);
    transfer = await gasOf(h, 'alice', stakeToken, testStablecoinAbi, 'transfer', [h.addr.carol, TOKEN]);

    const created = expectOk(
      await h.send('operator', h.tenantFactory, tenantFactoryAbi, 'createStakingPool', [
        { poolId: `0x${'0b'.repeat(32)}`, stakingToken: stakeToken, rewardToken: h.paymentToken, rewardsDuration: 30n * DAY, lockPeriod: 7n * DAY, earlyExitPenaltyBps: 100, maxStakePerUser: 0n, maxTotalStaked: 0n },
      ]),
    );
    const pool = parseEventLogs({ abi: tenantFactoryAbi, logs: created.receipt.logs, eventName: 'StakingPoolCreated' })[0]!.args.pool;
    rows.push({ operation: 'TenantFactory.createStakingPool (deploys the pool)', gas: created.receipt.gasUsed, transfers: 0 });
    await h.approve('operator', pool, 100_000n * USD);
    rows.push({ operation: 'notifyRewardAmount (first funding, operator)', gas: await gasOf(h, 'operator', pool, stakingPoolAbi, 'notifyRewardAmount', [50_000n * USD, false]), transfers: 1 });
    for (const who of ['alice', 'bob'] as const) await h.approve(who, pool, 1_000n * TOKEN, stakeToken);
    rows.push({ operation: 'stake (first staker, first stake)', gas: await gasOf(h, 'alice', pool, stakingPoolAbi, 'stake', [100n * TOKEN]), transfers: 1 });
    rows.push({ operation: 'stake (second staker, first stake)', gas: await gasOf(h, 'bob', pool, stakingPoolAbi, 'stake', [100n * TOKEN]), transfers: 1 });
    await h.increaseTime(DAY);
    rows.push({ operation: 'stake (top-up of a position)', gas: await gasOf(h, 'alice', pool, stakingPoolAbi, 'stake', [50n * TOKEN]), transfers: 1 });
    await h.increaseTime(DAY);
    rows.push({ operation: 'claim', gas: await gasOf(h, 'alice', pool, stakingPoolAbi, 'claim'), transfers: 1 });
    rows.push({ operation: 'withdraw inside the lock (penalty to treasury)', gas: await gasOf(h, 'bob', pool, stakingPoolAbi, 'withdraw', [10n * TOKEN]), transfers: 2 });
    await h.increaseTime(8n * DAY);
    rows.push({ operation: 'withdraw after the lock', gas: await gasOf(h, 'bob', pool, stakingPoolAbi, 'withdraw', [10n * TOKEN]), transfers: 1 });
    rows.push({ operation: 'notifyRewardAmount (top-up mid-period)', gas: await gasOf(h, 'operator', pool, stakingPoolAbi, 'notifyRewardAmount', [10_000n * USD, false]), transfers: 1 });
    rows.push({ operation: 'exit (withdraw all + claim)', gas: await gasOf(h, 'alice', pool, stakingPoolAbi, 'exit'), transfers: 2 });
  } finally {
    await h.stop();
  }
  console.log(`ERC-20 transfer (ceiling, same run): ${transfer.toLocaleString('en-US')} gas\n`);
  console.log('| operation | gas used | × ERC-20 transfer | token transfers inside |\n|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.operation} | ${r.gas.toLocaleString('en-US')} | ${(Number(r.gas) / Number(transfer)).toFixed(2)} | ${r.transfers} |`);
}

let transfer = 0n;
main().catch((err) => {
  console.error(err);
  process.exit(1);
});
