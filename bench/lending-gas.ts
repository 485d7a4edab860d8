// Gas per LendingPool operation from transaction receipts on a fresh anvil (cancun), each against a
// plain ERC-20 transfer of the stablecoin measured in the same run (the ceiling: no lending operation
// can cost less than the transfers it makes). The pool is deployed directly (not through TenantFactory).
// Run: npx tsx bench/lending-gas.ts   (prints a markdown table for bench/BENCHMARKS.md)
import { gasOf } from './lib/gas';
import { dealTerms, deployLendingPool, listCollateral, wethTerms } from '../contracts/test/support/lending';
import { abis, DAY, TOKEN, USD, expectOk, startHarness } from '../contracts/test/support/harness';

const { lendingPoolAbi, testPriceFeedAbi, testStablecoinAbi } = abis;
const MAX = 2n ** 256n - 1n;

type Row = { operation: string; gas: bigint; transfers: number };

async function main(): Promise<void> {
  const h = await startHarness();
  const rows: Row[] = [];
  let transfer = 0n;
  try {
    const asset = h.paymentToken;
    const deal = h.saleToken;
    const weth = await h.deploy('TestStablecoin', ['Wrapped Ether', 'WETH', 18]);
    const feed = await h.deploy('TestPriceFeed', [8]);
    for (const who of ['alice', 'bob', 'mallory'] as const) await h.fund(who, 1_000_000n * USD);
    for (const who of ['carol', 'dave'] as const) {
      await h.fund(who, 100_000n * TOKEN, deal);
      await h.fund(who, 100n * TOKEN, weth);
      await h.fund(who, 1_000n * USD);
    }

    // The ceiling: a plain ERC-20 transfer to an address that already holds the token (warm balance).
    transfer = await gasOf(h, 'alice', asset, testStablecoinAbi, 'transfer', [h.addr.bob, USD]);

    const pool = await deployLendingPool(h, asset, `0x${'1c'.repeat(32)}`);
    rows.push({ operation: 'listCollateral (admin price)', gas: await listCollateral(h, pool, deal, dealTerms), transfers: 0 });
    await listCollateral(h, pool, weth, { ...wethTerms, maxPriceAge: DAY }, feed);
    rows.push({ operation: 'setPrice (operator)', gas: await gasOf(h, 'operator', pool, lendingPoolAbi, 'setPrice', [deal, 2n * USD]), transfers: 0 });
    expectOk(await h.send('admin', feed, testPriceFeedAbi, 'setAnswer', [3_000n * 10n ** 8n, await h.now()]));
    for (const who of ['alice', 'bob', 'mallory', 'carol', 'dave'] as const) await h.approve(who, pool, MAX);
    for (const who of ['carol', 'dave'] as const) {
      await h.approve(who, pool, MAX, deal);
      await h.approve(who, pool, MAX, weth);
    }

    rows.push({ operation: 'supply (first lender)', gas: await gasOf(h, 'alice', pool, lendingPoolAbi, 'supply', [100_000n * USD]), transfers: 1 });
    rows.push({ operation: 'supply (second lender)', gas: await gasOf(h, 'bob', pool, lendingPoolAbi, 'supply', [50_000n * USD]), transfers: 1 });
    rows.push({ operation: 'depositCollateral (first)', gas: await gasOf(h, 'carol', pool, lendingPoolAbi, 'depositCollateral', [deal, 10_000n * TOKEN]), transfers: 1 });
    await gasOf(h, 'dave', pool, lendingPoolAbi, 'depositCollateral', [weth, 10n * TOKEN]);
    rows.push({ operation: 'borrow (first borrow, 1 collateral, admin price)', gas: await gasOf(h, 'carol', pool, lendingPoolAbi, 'borrow', [10_000n * USD]), transfers: 1 });
    rows.push({ operation: 'borrow (first borrow, 1 collateral, Chainlink-style feed)', gas: await gasOf(h, 'dave', pool, lendingPoolAbi, 'borrow', [10_000n * USD]), transfers: 1 });
    await h.increaseTime(DAY);
    rows.push({ operation: 'supply (top-up, accrues a day of interest)', gas: await gasOf(h, 'alice', pool, lendingPoolAbi, 'supply', [1_000n * USD]), transfers: 1 });
    await h.increaseTime(DAY);
    rows.push({ operation: 'repay (partial, accrues)', gas: await gasOf(h, 'carol', pool, lendingPoolAbi, 'repay', [h.addr.carol, 1_000n * USD]), transfers: 1 });
    rows.push({ operation: 'withdraw (partial)', gas: await gasOf(h, 'bob', pool, lendingPoolAbi, 'withdraw', [10_000n * USD]), transfers: 1 });
    // DEAL falls from $2 to $1.10: carol owes ~9,000 against 10,000 DEAL * $1.10 * 80% = 8,800, liquidatable.
    expectOk(await h.send('operator', pool, lendingPoolAbi, 'setPrice', [deal, 1_100_000n]));
    rows.push({ operation: 'liquidate (close factor 50%, 1 collateral)', gas: await gasOf(h, 'mallory', pool, lendingPoolAbi, 'liquidate', [h.addr.carol, deal, MAX]), transfers: 2 });
    rows.push({ operation: 'repay (all of it)', gas: await gasOf(h, 'dave', pool, lendingPoolAbi, 'repay', [h.addr.dave, MAX]), transfers: 1 });
    rows.push({ operation: 'withdrawCollateral (no debt left)', gas: await gasOf(h, 'dave', pool, lendingPoolAbi, 'withdrawCollateral', [weth, 10n * TOKEN]), transfers: 1 });
    rows.push({ operation: 'withdraw (everything, type(uint256).max)', gas: await gasOf(h, 'bob', pool, lendingPoolAbi, 'withdraw', [MAX]), transfers: 1 });
  } finally {
    await h.stop();
  }
  console.log(`ERC-20 transfer (ceiling, same run): ${transfer.toLocaleString('en-US')} gas\n`);
  console.log('| operation | gas used | × ERC-20 transfer | token transfers inside |\n|---|---:|---:|---:|');
  for (const r of rows) console.log(`| ${r.operation} | ${r.gas.toLocaleString('en-US')} | ${(Number(r.gas) / Number(transfer)).toFixed(2)} | ${r.transfers} |`);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
