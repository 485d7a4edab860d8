import { expect, test } from '@playwright/test';
import { lookChecks, must } from './support/pages';
import { api, logIn, origin, token } from './support/platform';
import { installTestWallet } from './support/test-wallet';

// Issue 14, what people see: an investor invests in the demo on-chain deal from the browser with
// a test wallet (an injected EIP-1193 provider backed by an anvil dev account): links it to the
// account by signing in with Ethereum, meets the clear messages for an empty wallet and a refused
// request, approves the exact amount, funds an escrow clone and watches it confirmed by the
// platform's indexer; the tenant admin then releases it from the escrow page and sees it settle.

const DEAL = 'alpha-community-solar-usdc-escrow';
const INVESTOR = 'investor1@alpha.example';
const WALLET_INDEX = 7; // an anvil dev account no demo investor uses: it starts with no tokens
const USDC = 1_000_000n;

test('an investor funds an on-chain escrow from the browser wallet; an admin releases it on chain', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const wallet = await installTestWallet(page, WALLET_INDEX);
  await logIn(page, 'alpha', INVESTOR);

  // Link the test wallet (SIWE: the wallet signs the platform's message with personal_sign).
  await page.goto(`${origin('alpha')}/profile`);
  if (!(await page.getByText(wallet.address, { exact: true }).isVisible())) {
    await page.getByRole('button', { name: /Connect wallet|Sign in with this wallet/ }).click();
    await expect(page.getByText(/is linked to your account/)).toBeVisible();
  }
  await expect(page.getByText(wallet.address, { exact: true })).toBeVisible();
  expect(wallet.calls.some((c) => c.method === 'personal_sign')).toBe(true);

  // The deal page says where the money goes: the chain and the sale contract (no explorer locally).
  await page.goto(`${origin('alpha')}/deals/${DEAL}`);
  const settlement = page.getByTestId('deal-settlement');
  await expect(settlement).toContainText('Sale contract 0x');
  await expect(settlement.getByRole('link')).toHaveCount(0);

  await page.getByRole('button', { name: 'Invest', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByTestId('invest-rail')).toContainText('from your linked wallet');
  await expect(dialog.getByRole('combobox', { name: 'Payment method' })).toHaveCount(0);
  await dialog.getByLabel('Amount (USDC)').fill('150');
  await dialog.getByLabel('Country you are in now').fill('DE');
  await dialog.getByRole('button', { name: 'Confirm investment' }).click();

  // The wallet is connected and on the right network, the platform reserved the investment, and
  // the wallet holds no tokens yet: a clear message, nothing sent.
  await expect(dialog.getByTestId('chain-step-connect')).toHaveAttribute('data-state', 'done');
  await expect(dialog.getByTestId('chain-step-network')).toHaveAttribute('data-state', 'done');
  await expect(dialog.getByTestId('chain-step-reserve')).toHaveAttribute('data-state', 'done');
  await expect(dialog.getByTestId('chain-error')).toContainText('Insufficient balance');
  await expect(dialog.getByTestId('chain-error')).toContainText('needs 150 USDC');
  expect(wallet.calls.filter((c) => c.method === 'eth_sendTransaction')).toHaveLength(0);

  // Tokens arrive; the person refuses the approval once: a clear message, then a retry.
  const paymentToken = wallet.paymentToken();
  expect(paymentToken, 'the dialog read the payment token balance through the wallet').not.toBeNull();
  await wallet.mint(paymentToken!, 1_000n * USDC);
  wallet.rejectNext('eth_sendTransaction');
  await dialog.getByRole('button', { name: 'Retry' }).click();
  await expect(dialog.getByTestId('chain-error')).toContainText('You declined the request in your wallet');
  await expect(dialog.getByTestId('chain-step-approve')).toHaveAttribute('data-state', 'failed');

  // Approve exactly 150 USDC, createEscrow, confirmations, then the indexer records the escrow.
  await dialog.getByRole('button', { name: 'Retry' }).click();
  await expect(dialog.getByTestId('chain-confirmed')).toBeVisible({ timeout: 90_000 });
  await expect(dialog.getByTestId('chain-step-confirm')).toContainText('Confirmations 1/1');
  const escrowAddress = (await dialog.getByTestId('chain-escrow-address').textContent())!.trim();
  const fundTx = (await dialog.getByTestId('chain-fund-tx').textContent())!.trim();
  expect(escrowAddress).toMatch(/^0x[0-9a-fA-F]{40}$/);
  expect(fundTx).toMatch(/^0x[0-9a-f]{64}$/);
  const sent = wallet.calls.filter((c) => c.method === 'eth_sendTransaction').map((c) => { const tx = c.params[0] as { data?: string; input?: string }; return String(tx.data ?? tx.input); });
  // approve(factory, 150e6) then createEscrow(sale, 150e6): one each, after the refused one.
  expect(sent.filter((d) => d.startsWith('0x095ea7b3'))).toHaveLength(2);
  expect(sent.filter((d) => d.startsWith('0x095ea7b3'))[1]!.endsWith((150n * USDC).toString(16).padStart(64, '0'))).toBe(true);
  expect(sent.filter((d) => d.startsWith('0x4614874e'))).toHaveLength(1);

  // The API agrees: the investment is in escrow with the funding transaction.
  const investorToken = await token('alpha', INVESTOR);
  const portfolio = await must(api('alpha', 'GET', '/api/investor/portfolio', { token: investorToken }), 'portfolio');
  const mine = portfolio.positions.flatMap((p: any) => p.investments).find((i: any) => i.escrow?.escrowAddress?.toLowerCase() === escrowAddress.toLowerCase());
  expect(mine.status).toBe('in_escrow');
  expect(mine.walletAddress.toLowerCase()).toBe(wallet.address.toLowerCase());
  expect(mine.escrow.movements.map((m: any) => m.txHash)).toContain(fundTx);

  // The portfolio shows the escrow: state, days left, contract and transaction (no explorer locally).
  await page.goto(`${origin('alpha')}/portfolio`);
  const holding = page.getByTestId('escrow-holding').filter({ hasText: new RegExp(escrowAddress, 'i') });
  await expect(holding).toBeVisible();
  await expect(holding).toContainText(/days? left|today/);
  await expect(holding).toContainText(fundTx.slice(0, 10));

  // The admin releases it from the escrow page; the release is sent on chain, then settles.
  const adminContext = await browser.newContext();
  const admin = await adminContext.newPage();
  await logIn(admin, 'alpha', 'admin@alpha.example');
  await admin.goto(`${origin('alpha')}/admin/escrow`);
  const row = admin.getByTestId('escrow-row').filter({ hasText: new RegExp(escrowAddress, 'i') });
  await expect(row).toBeVisible();
  await row.getByRole('button', { name: /^Release / }).click();
  await admin.getByRole('dialog').getByLabel('Note (optional)').fill('KYC cleared (e2e)');
  await admin.getByRole('dialog').getByRole('button', { name: 'Release' }).click();
  const adminToken = await token('alpha', 'admin@alpha.example');
  await expect
    .poll(async () => (await must(api('alpha', 'GET', '/api/admin/escrow?status=released&limit=500', { token: adminToken }), 'escrows')).escrows.some((e: any) => e.chain.escrowAddress?.toLowerCase() === escrowAddress.toLowerCase()), { timeout: 90_000, intervals: [1000] })
    .toBe(true);
  await admin.goto(`${origin('alpha')}/admin/escrow?status=released`);
  const released = admin.getByTestId('escrow-row').filter({ hasText: new RegExp(escrowAddress, 'i') });
  await expect(released).toContainText('Released');
  await released.getByText(/^Movements/).click();
  await expect(released.getByTestId('escrow-movements')).toContainText(/Release/);
  await adminContext.close();

  // The investor's portfolio shows the settled escrow.
  await page.goto(`${origin('alpha')}/portfolio`);
  await expect(page.getByTestId('escrow-holding').filter({ hasText: new RegExp(escrowAddress, 'i') })).toContainText('Released');
});

test('the chain pages pass axe and fit 375 px', async ({ browser }) => {
  test.setTimeout(240_000);
  await lookChecks(browser, 'alpha', INVESTOR, [
    { path: `/deals/${DEAL}`, name: 'chain-deal' },
    { path: '/portfolio', name: 'chain-portfolio' },
  ]);
  await lookChecks(browser, 'alpha', 'admin@alpha.example', [
    { path: '/admin/escrow', name: 'chain-admin-escrow' },
    { path: '/admin', name: 'chain-admin-overview' },
  ]);
});
