import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { encodeFunctionData, formatUnits, type Address } from 'viem';
import { testStablecoinAbi } from '../../contracts/abi/TestStablecoin';
import { lookChecks, must } from './support/pages';
import { api, logIn, origin, RUN, token } from './support/platform';
import { anvilRpc, installTestWallet } from './support/test-wallet';

// Issue 19, what people see: the tenant admin opens a staking pool and funds its rewards (both
// sent by the platform's transaction manager and read back by its indexer); a member stakes from
// the browser wallet, watches rewards accrue and claims them. Every figure the page shows is the
// one the API reads from the contract at the same block, to the unit.

const DEAL = 'alpha-community-solar-usdc-escrow';
const INVESTOR = 'investor1@alpha.example';
const ADMIN = 'admin@alpha.example';
const WALLET_INDEX = 7; // investor1's wallet in chain-invest.spec.ts too (anvil signs only for its ten dev accounts, and 8 and 9 belong to investor2 in chain-wallet-errors.spec.ts); balances are compared before and after
const USDC = 1_000_000n;
const DAY = 86_400;

async function mint(tokenAddress: Address, to: Address, amount: bigint): Promise<void> {
  const from = ((await anvilRpc('eth_accounts')).result as Address[])[0]!;
  const sent = await anvilRpc('eth_sendTransaction', [{ from, to: tokenAddress, data: encodeFunctionData({ abi: testStablecoinAbi, functionName: 'mint', args: [to, amount] }) }]);
  expect(sent.error, 'mint sent').toBeUndefined();
}

async function balanceOf(tokenAddress: Address, who: Address): Promise<bigint> {
  const r = await anvilRpc('eth_call', [{ to: tokenAddress, data: encodeFunctionData({ abi: testStablecoinAbi, functionName: 'balanceOf', args: [who] }) }, 'latest']);
  return BigInt(r.result as string);
}

test('the tenant admin turns staking on, opens and funds a pool on /admin/staking; an investor finds it under Staking', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const adminToken = await token('alpha', ADMIN);
  await must(api('alpha', 'PATCH', '/api/admin/tenant', { token: adminToken, json: { features: { staking: false } } }), 'staking off');
  await logIn(page, 'alpha', ADMIN);
  const mainNav = page.getByRole('navigation', { name: 'Main' });

  // Off: no Staking in the header; the admin page offers to turn it on.
  await page.goto(`${origin('alpha')}/admin/staking`);
  await expect(page.getByText('Staking is off for this platform')).toBeVisible();
  await expect(mainNav.getByRole('link', { name: 'Staking' })).toHaveCount(0);
  await page.getByRole('button', { name: 'Offer staking' }).click();
  await page.getByRole('button', { name: 'Turn staking on' }).click();
  await expect(page.getByRole('heading', { name: 'Open a pool' })).toBeVisible();
  await page.reload();
  await expect(mainNav.getByRole('link', { name: 'Staking' })).toBeVisible();

  // A bad address is named under its field, and nothing is opened.
  const form = page.getByTestId('new-staking-pool');
  const name = `Admin pool ${RUN}`;
  await form.getByLabel('Name').fill(name);
  const rewardToken = await form.getByLabel('Reward token address').inputValue();
  expect(rewardToken).toMatch(/^0x[0-9a-f]{40}$/);
  await form.getByLabel('Staking token address').fill('0x1234');
  await form.getByLabel('Lock period (days)').fill('1');
  await form.getByLabel('Early-exit penalty (%)').fill('2.5');
  await form.getByRole('button', { name: 'Open pool' }).click();
  await expect(page.locator('#sp-stake-token-error')).toContainText('0x-prefixed');
  await expect(page.getByTestId('admin-staking-pool').filter({ hasText: name })).toHaveCount(0);
  await form.getByLabel('Staking token address').fill(rewardToken);
  await form.getByRole('button', { name: 'Open pool' }).click();
  await expect(form.getByRole('status')).toContainText('Pool requested');

  // The platform creates it on chain; the card turns active with the terms asked for.
  const card = page.getByTestId('admin-staking-pool').filter({ hasText: name });
  await expect(async () => {
    await page.reload();
    await expect(card.getByText('Active', { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 60_000, intervals: [1000] });
  await expect(card).toContainText('2.5%');
  await expect(card).toContainText('1 day');

  // Funding: the operator address the card names gets the tokens, then the admin funds 1,000.
  const operator = (await card.getByTestId('operator-address').textContent())!.trim() as Address;
  await mint(rewardToken as Address, operator, 1_000n * USDC);
  await page.reload();
  await card.getByLabel('Reward amount').fill('1000');
  await card.getByRole('button', { name: 'Fund rewards' }).click();
  await expect(card.getByRole('status')).toContainText('Funding sent');
  await expect(async () => {
    await page.reload();
    await expect(card.getByText('not funded')).toHaveCount(0, { timeout: 1000 });
  }).toPass({ timeout: 60_000, intervals: [1000] });
  const { pools } = await must(api('alpha', 'GET', '/api/staking/pools', { token: adminToken }), 'pools');
  const pool = pools.find((p: { name: string }) => p.name === name);
  // 1,000 USDC over 30 days, kept scaled by 1e18 as the contract does.
  expect(pool.chain.rewardRateScaled).toBe(((1_000n * USDC * 10n ** 18n) / BigInt(30 * DAY)).toString());

  // An investor finds it through the header's Staking link.
  const investor = await browser.newContext();
  const investorPage = await investor.newPage();
  await logIn(investorPage, 'alpha', INVESTOR);
  await investorPage.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Staking' }).click();
  await expect(investorPage.getByRole('heading', { level: 1 })).toHaveText('Staking');
  await expect(investorPage.getByRole('link', { name })).toBeVisible();
  await investor.close();
});

test('a member stakes from the browser wallet, sees rewards accrue and claims them; the figures are the contract’s', async ({ page }) => {
  test.setTimeout(240_000);
  const adminToken = await token('alpha', ADMIN);
  await must(api('alpha', 'PATCH', '/api/admin/tenant', { token: adminToken, json: { features: { staking: true } } }), 'staking on');
  const deal = await must(api('alpha', 'GET', `/api/deals/${DEAL}`, { token: adminToken }), 'deal');
  const chainId = (deal.deal ?? deal).chainId as number;
  // The local chain's payment token, from the deployment the platform's start wrote.
  const deployed = JSON.parse(readFileSync(path.join(process.env.E2E_DATA_DIR ?? './data/e2e', 'chain', `${chainId}.json`), 'utf8')) as { paymentToken: string };
  const usdc = deployed.paymentToken.toLowerCase() as Address;
  expect(usdc).toMatch(/^0x[0-9a-f]{40}$/);

  // The admin opens a pool (stake USDC, earn USDC) and the platform creates it on chain.
  const created = await must(
    api('alpha', 'POST', '/api/admin/staking/pools', { token: adminToken, json: { name: `USDC rewards ${Date.now().toString(36)}`, chainId, stakingToken: usdc, rewardToken: usdc, rewardsDurationSeconds: 30 * DAY, lockPeriodSeconds: 3600, earlyExitPenaltyBps: 100 } }),
    'pool',
  );
  const id = created.pool.id as string;
  await expect.poll(async () => (await must(api('alpha', 'GET', `/api/staking/pools/${id}`, { token: adminToken }), 'pool')).pool.status, { timeout: 60_000, intervals: [1000] }).toBe('active');

  // Funding needs the tokens on the operator key: the refusal names its address.
  const short = await api('alpha', 'POST', `/api/admin/staking/pools/${id}/fund`, { token: adminToken, json: { amount: (30_000n * USDC).toString() } });
  expect(short.status).toBe(409);
  const operator = /0x[0-9a-fA-F]{40}/.exec(short.body.detail)![0] as Address;
  await mint(usdc, operator, 30_000n * USDC);
  await must(api('alpha', 'POST', `/api/admin/staking/pools/${id}/fund`, { token: adminToken, json: { amount: (30_000n * USDC).toString() } }), 'fund');
  await expect.poll(async () => (await must(api('alpha', 'GET', `/api/staking/pools/${id}`, { token: adminToken }), 'pool')).pool.chain.periodFinish, { timeout: 60_000, intervals: [1000] }).not.toBeNull();

  // The member links the test wallet, which holds 500 USDC.
  const wallet = await installTestWallet(page, WALLET_INDEX);
  await logIn(page, 'alpha', INVESTOR);
  await page.goto(`${origin('alpha')}/profile`);
  if (!(await page.getByText(wallet.address, { exact: true }).isVisible())) {
    await page.getByRole('button', { name: /Connect wallet|Sign in with this wallet/ }).click();
    await expect(page.getByText(/is linked to your account/)).toBeVisible();
  }
  await wallet.mint(usdc, 500n * USDC);

  await page.goto(`${origin('alpha')}/staking`);
  await page.getByRole('link', { name: created.pool.name }).click();
  await expect(page.getByRole('heading', { level: 1 })).toHaveText(created.pool.name);
  await page.getByLabel('Amount').fill('200.5');
  await page.getByRole('button', { name: 'Stake' }).click();
  await expect(page.getByTestId('staking-note')).toContainText('Done', { timeout: 60_000 });
  const position = page.getByTestId('staking-position').filter({ hasText: wallet.address.toLowerCase() });
  await expect(position.getByTestId('position-staked')).toHaveText('200.5');
  // approve(pool, exactly 200.5 USDC), then stake(200.5 USDC).
  const sent = wallet.calls.filter((c) => c.method === 'eth_sendTransaction').map((c) => String((c.params[0] as { data?: string }).data));
  expect(sent.filter((d) => d.startsWith('0x095ea7b3') && d.endsWith((200_500_000n).toString(16).padStart(64, '0')))).toHaveLength(1);

  // A day passes on the chain: rewards accrue, and the page shows the contract's figure to the unit.
  await anvilRpc('evm_increaseTime', [DAY]);
  await anvilRpc('evm_mine', []);
  const investorToken = await token('alpha', INVESTOR);
  const earnedNow = async () => {
    const view = await must(api('alpha', 'GET', `/api/staking/pools/${id}`, { token: investorToken }), 'pool');
    return view.positions.find((p: { wallet: string }) => p.wallet === wallet.address.toLowerCase()).earned as string;
  };
  const earned = await earnedNow();
  expect(BigInt(earned)).toBeGreaterThan(0n);
  await expect(position.getByTestId('position-earned')).toHaveText(formatUnits(BigInt(earned), 6), { timeout: 15_000 });

  // Claim: the wallet's balance grows by exactly the paid reward the indexer recorded.
  const before = await balanceOf(usdc, wallet.address);
  await page.getByRole('button', { name: 'Claim rewards' }).click();
  await expect(page.getByTestId('staking-note')).toContainText('Done', { timeout: 60_000 });
  await expect(position.getByTestId('position-earned')).toHaveText('0');
  await expect.poll(async () => (await page.getByTestId('staking-history').textContent()) ?? '', { timeout: 60_000, intervals: [1000] }).toContain('Paid');
  const view = await must(api('alpha', 'GET', `/api/staking/pools/${id}`, { token: investorToken }), 'pool');
  const paid = view.history.find((h: { kind: string }) => h.kind === 'paid');
  expect(BigInt(paid.amount)).toBeGreaterThanOrEqual(BigInt(earned));
  expect((await balanceOf(usdc, wallet.address)) - before).toBe(BigInt(paid.amount));
});

test('the staking pages pass axe and fit 375 px', async ({ browser }) => {
  test.setTimeout(240_000);
  const adminToken = await token('alpha', ADMIN);
  await must(api('alpha', 'PATCH', '/api/admin/tenant', { token: adminToken, json: { features: { staking: true } } }), 'staking on');
  const { pools } = await must(api('alpha', 'GET', '/api/staking/pools', { token: adminToken }), 'pools');
  const pages = [{ path: '/staking', name: 'staking-list' }];
  if (pools[0]) pages.push({ path: `/staking/${pools[0].id}`, name: 'staking-pool' });
  await lookChecks(browser, 'alpha', INVESTOR, pages);
});

test('the staking admin page passes axe and fits 375 px', async ({ browser }) => {
  test.setTimeout(240_000);
  const adminToken = await token('alpha', ADMIN);
  await must(api('alpha', 'PATCH', '/api/admin/tenant', { token: adminToken, json: { features: { staking: true } } }), 'staking on');
  await lookChecks(browser, 'alpha', ADMIN, [{ path: '/admin/staking', name: 'admin-staking' }]);
});
