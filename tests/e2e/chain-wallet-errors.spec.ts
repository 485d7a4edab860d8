import { expect, test, type Page } from '@playwright/test';
import { must } from './support/pages';
import { api, logIn, origin, token } from './support/platform';
import { installTestWallet, type TestWallet } from './support/test-wallet';

// Issue 14, the wallet's error paths an investor meets in the invest dialog, with a test wallet
// (an injected EIP-1193 provider backed by an anvil dev account): a wallet on the wrong network is
// asked to switch and nothing is sent until it is on the deal's chain; a lowered spending cap gives
// an "insufficient allowance" message; a reservation whose funding deadline passes is released
// (its capacity back on the deal) and nothing more is sent.

const DEAL = 'alpha-community-solar-usdc-escrow';
const INVESTOR = 'investor2@alpha.example';
const USDC = 1_000_000n;

async function openInvestDialog(page: Page, amount: string) {
  await page.goto(`${origin('alpha')}/deals/${DEAL}`);
  await page.getByRole('button', { name: 'Invest', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Amount (USDC)').fill(amount);
  await dialog.getByLabel('Country you are in now').fill('DE');
  await dialog.getByRole('button', { name: 'Confirm investment' }).click();
  return dialog;
}

const sends = (wallet: TestWallet) => wallet.calls.filter((c) => c.method === 'eth_sendTransaction').length;

test('wrong network: the wallet is asked to switch, and nothing is reserved or sent until it is on the deal chain', async ({ page }) => {
  test.setTimeout(180_000);
  const wallet = await installTestWallet(page, 9); // never linked to an account
  wallet.reportChain(1);
  wallet.rejectNext('wallet_switchEthereumChain');
  await logIn(page, 'alpha', INVESTOR);
  const dialog = await openInvestDialog(page, '120');

  await expect(dialog.getByTestId('chain-step-connect')).toHaveAttribute('data-state', 'done');
  await expect(dialog.getByTestId('chain-step-network')).toHaveAttribute('data-state', 'failed');
  await expect(dialog.getByTestId('chain-error')).toContainText('Wrong network: your wallet is on chain 1');
  await expect(dialog.getByTestId('chain-error')).toContainText('Switch your wallet to it, then retry');
  await expect(dialog.getByTestId('chain-step-reserve')).toHaveAttribute('data-state', 'todo');
  expect(wallet.calls.filter((c) => c.method === 'wallet_switchEthereumChain')).toHaveLength(1);
  expect(sends(wallet)).toBe(0);

  // The investor accepts the switch: the network step passes; this wallet is not linked, so the
  // platform refuses the reservation with a way to fix it, and still nothing is sent.
  await dialog.getByRole('button', { name: 'Retry' }).click();
  await expect(dialog.getByTestId('chain-step-network')).toHaveAttribute('data-state', 'done');
  expect(wallet.calls.filter((c) => c.method === 'wallet_switchEthereumChain')).toHaveLength(2);
  await expect(dialog.getByTestId('chain-step-reserve')).toHaveAttribute('data-state', 'failed');
  await expect(dialog.getByRole('link', { name: 'Link this wallet on your profile' })).toBeVisible();
  expect(sends(wallet)).toBe(0);
});

test('a lowered spending cap is an insufficient allowance; past the funding deadline nothing more is sent and the capacity returns', async ({ page }) => {
  test.setTimeout(240_000);
  await page.clock.install();
  const wallet = await installTestWallet(page, 8);
  await logIn(page, 'alpha', INVESTOR);

  // Link the test wallet (SIWE) so the platform reserves for it.
  await page.goto(`${origin('alpha')}/profile`);
  if (!(await page.getByText(wallet.address, { exact: true }).isVisible())) {
    await page.getByRole('button', { name: /Connect wallet|Sign in with this wallet/ }).click();
    await expect(page.getByText(/is linked to your account/)).toBeVisible();
  }

  const investorToken = await token('alpha', INVESTOR);
  const capacity = async () => (await must(api('alpha', 'GET', `/api/deals/${DEAL}`, { token: investorToken }), 'deal')).progress.remainingCapacity as string;
  const before = await capacity();

  const dialog = await openInvestDialog(page, '150');
  await expect(dialog.getByTestId('chain-step-reserve')).toHaveAttribute('data-state', 'done');
  await expect(dialog.getByTestId('chain-error')).toContainText('Insufficient balance');
  expect(Number(await capacity())).toBe(Number(before) - 150);

  // Tokens arrive; in the wallet the person lowers the spending cap to 100: the approval is mined,
  // and the dialog says plainly that the factory may not take the 150 yet.
  await wallet.mint(wallet.paymentToken()!, 1_000n * USDC);
  wallet.capNextApproval(100n * USDC);
  await dialog.getByRole('button', { name: 'Retry' }).click();
  await expect(dialog.getByTestId('chain-error')).toContainText('Insufficient allowance: the escrow factory may take 100 USDC and needs 150 USDC', { timeout: 60_000 });
  await expect(dialog.getByTestId('chain-step-approve')).toHaveAttribute('data-state', 'failed');
  expect(sends(wallet)).toBe(1);

  // The investor comes back after the funding deadline (30 minutes): nothing more is sent, the
  // reservation is released now, and its capacity is back on the deal.
  await page.clock.fastForward('31:00');
  await dialog.getByRole('button', { name: 'Retry' }).click();
  await expect(dialog.getByTestId('chain-error')).toContainText('has passed, so nothing more was sent from your wallet: your reservation is released and its capacity returned to the deal');
  await expect(dialog.getByRole('button', { name: 'Start again' })).toBeVisible();
  await expect(dialog.getByRole('button', { name: 'Retry' })).toHaveCount(0);
  expect(sends(wallet)).toBe(1);
  expect(await capacity()).toBe(before);
  const portfolio = await must(api('alpha', 'GET', '/api/investor/portfolio', { token: investorToken }), 'portfolio');
  const mine = portfolio.positions.flatMap((p: any) => p.investments).filter((i: any) => i.walletAddress?.toLowerCase() === wallet.address.toLowerCase());
  expect(mine.map((i: any) => i.status)).toEqual(['cancelled']);
});
