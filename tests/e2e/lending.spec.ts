import { expect, test } from '@playwright/test';
import { encodeFunctionData, formatUnits, type Address } from 'viem';
import { testStablecoinAbi } from '../../contracts/abi/TestStablecoin';
import { lookChecks, must } from './support/pages';
import { api, logIn, origin, token } from './support/platform';
import { anvilRpc, installTestWallet } from './support/test-wallet';

// Issue 19, what people see: a member of Alpha (the demo tenant with lending on and a seeded tUSD
// pool against ASOL) reads the tenant's risk disclosure and acknowledges it, supplies from the
// browser wallet, adds collateral and borrows. Every figure the page shows is the one the API reads
// from the contract at one block, to the unit; the wallet's balance moves by exactly the amounts.

const INVESTOR = 'investor1@alpha.example';
const ADMIN = 'admin@alpha.example';
const WALLET_INDEX = 7; // investor1's wallet in chain-invest and staking too: balances are compared before and after
const USD = 1_000_000n;
const TOKEN = 10n ** 18n;

async function balanceOf(tokenAddress: Address, who: Address): Promise<bigint> {
  const r = await anvilRpc('eth_call', [{ to: tokenAddress, data: encodeFunctionData({ abi: testStablecoinAbi, functionName: 'balanceOf', args: [who] }) }, 'latest']);
  return BigInt(r.result as string);
}

type Pool = { id: string; name: string; address: string; asset: { address: string; decimals: number }; collaterals: { token: string; symbol: string; decimals: number }[] };

test('a member acknowledges the risks, supplies, adds collateral and borrows from the browser wallet; the figures are the contract’s', async ({ page }) => {
  test.setTimeout(300_000);
  const adminToken = await token('alpha', ADMIN);
  await must(api('alpha', 'PATCH', '/api/admin/tenant', { token: adminToken, json: { features: { lending: true } } }), 'lending on');
  const { pools } = (await must(api('alpha', 'GET', '/api/lending/pools', { token: adminToken }), 'pools')) as { pools: Pool[] };
  const pool = pools.find((p) => p.address);
  expect(pool, 'the demo seed opened a pool').toBeTruthy();
  const asset = pool!.asset.address as Address;
  const collateral = pool!.collaterals[0]!;

  const wallet = await installTestWallet(page, WALLET_INDEX);
  await logIn(page, 'alpha', INVESTOR);
  await page.goto(`${origin('alpha')}/profile`);
  if (!(await page.getByText(wallet.address, { exact: true }).isVisible())) {
    await page.getByRole('button', { name: /Connect wallet|Sign in with this wallet/ }).click();
    await expect(page.getByText(/is linked to your account/)).toBeVisible();
  }
  await wallet.mint(asset, 1_000n * USD);
  await wallet.mint(collateral.token as Address, 10n * TOKEN);

  await page.goto(`${origin('alpha')}/lending`);
  await page.getByRole('link', { name: pool!.name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(pool!.name);
  const disclosure = page.getByTestId('lending-disclosure');
  if (await disclosure.isVisible()) await disclosure.getByRole('button', { name: /read and understood/ }).click();
  await expect(disclosure).toHaveCount(0);

  const investorToken = await token('alpha', INVESTOR);
  const mine = async () => {
    const view = await must(api('alpha', 'GET', `/api/lending/pools/${pool!.id}`, { token: investorToken }), 'pool');
    return view.positions.find((p: { wallet: string }) => p.wallet === wallet.address.toLowerCase()) as { supplied: string; debt: string; healthFactor: string | null; collateral: { amount: string }[] };
  };
  const start = await mine();
  const before = await balanceOf(asset, wallet.address);

  const act = async (action: string, amount: string) => {
    await page.getByLabel('Action').selectOption(action);
    await page.getByLabel('Amount').fill(amount);
    await page.getByTestId('lending-submit').click();
    await expect(page.getByTestId('lending-note')).toContainText('Done', { timeout: 90_000 });
  };
  const position = page.getByTestId('lending-position').filter({ hasText: wallet.address.toLowerCase() });

  await act('supply', '300.25');
  const supplied = await mine();
  expect(BigInt(supplied.supplied) - BigInt(start.supplied)).toBeGreaterThanOrEqual(300_250_000n - 1n);
  await expect(position.getByTestId('position-supplied')).toHaveText(formatUnits(BigInt(supplied.supplied), 6), { timeout: 15_000 });
  // approve(pool, exactly 300.25 tUSD), then supply.
  const sent = wallet.calls.filter((c) => c.method === 'eth_sendTransaction').map((c) => String((c.params[0] as { data?: string }).data));
  expect(sent.filter((d) => d.startsWith('0x095ea7b3') && d.endsWith((300_250_000n).toString(16).padStart(64, '0')))).toHaveLength(1);

  await act('deposit_collateral', '10');
  await act('borrow', '100');
  const borrowed = await mine();
  expect(BigInt(borrowed.debt) - BigInt(start.debt)).toBeGreaterThanOrEqual(100n * USD);
  await expect(position.getByTestId('position-debt')).toHaveText(formatUnits(BigInt(borrowed.debt), 6), { timeout: 15_000 });
  expect(borrowed.healthFactor).not.toBeNull();
  await expect(position.getByTestId('position-health')).not.toHaveText('no debt');
  // The wallet paid 300.25 in and got 100 out.
  expect((await balanceOf(asset, wallet.address)) - before).toBe(-300_250_000n + 100n * USD);

  // Asking for more than the collateral allows is refused before anything is signed.
  const signedBefore = wallet.calls.filter((c) => c.method === 'eth_sendTransaction').length;
  await page.getByLabel('Action').selectOption('borrow');
  await page.getByLabel('Amount').fill('100000');
  await page.getByTestId('lending-submit').click();
  await expect(page.getByTestId('lending-error')).toContainText(/collateral does not cover|does not hold that much/);
  expect(wallet.calls.filter((c) => c.method === 'eth_sendTransaction').length).toBe(signedBefore);
});

test('the lending pages pass axe and fit 375 px', async ({ browser }) => {
  test.setTimeout(240_000);
  const adminToken = await token('alpha', ADMIN);
  await must(api('alpha', 'PATCH', '/api/admin/tenant', { token: adminToken, json: { features: { lending: true } } }), 'lending on');
  const { pools } = await must(api('alpha', 'GET', '/api/lending/pools', { token: adminToken }), 'pools');
  const pages = [{ path: '/lending', name: 'lending-list' }];
  if (pools[0]) pages.push({ path: `/lending/${pools[0].id}`, name: 'lending-pool' });
  await lookChecks(browser, 'alpha', INVESTOR, pages);
});
