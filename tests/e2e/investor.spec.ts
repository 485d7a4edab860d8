import { expect, test } from '@playwright/test';
import { api, origin, RUN, showcaseDeal } from './support/platform';

test('a visitor signs up, searches deals, invests and sees the investment in the portfolio', async ({ page }) => {
  const deal = await showcaseDeal('alpha');
  const email = `new.investor.${RUN}@example.org`;

  await page.goto(`${origin('alpha')}/`);
  await page.getByRole('link', { name: 'Create an account' }).first().click();
  await page.getByLabel('First name').fill('Nora');
  await page.getByLabel('Last name').fill('Newcomer');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill('correct horse battery staple 42');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/deals$/);
  await expect(page.getByRole('heading', { name: 'Deals', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: /Account menu for Nora Newcomer/ })).toBeVisible();

  // Search narrows the list; the URL carries the query.
  await page.getByLabel('Search deals').fill('Heliotrope');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page).toHaveURL(/search=Heliotrope/);
  await expect(page.getByRole('heading', { name: 'Matching deals' })).toBeVisible();
  await expect(page.getByRole('link', { name: deal.title })).toBeVisible();
  await expect(page.getByText('Northfield Community Orchard')).toHaveCount(0);

  // Asset-type filter: the solar deal is debt, so an equity filter hides it.
  await page.getByLabel('Asset type').selectOption('equity');
  await page.getByRole('button', { name: 'Search' }).click();
  await expect(page.getByText('No deals match these filters')).toBeVisible();

  await page.goto(`${origin('alpha')}/deals`);
  await page.getByRole('link', { name: deal.title }).first().click();
  await expect(page.getByRole('heading', { name: deal.title, level: 1 })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Key terms' })).toBeVisible();
  await expect(page.getByRole('row', { name: /Minimum ticket \$1,000/ })).toBeVisible();
  await expect(page.getByRole('heading', { name: 'The project' })).toBeVisible(); // markdown rendered
  const committedBefore = await page.getByTestId('committed').textContent();

  await page.getByRole('button', { name: 'Invest', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await expect(dialog.getByRole('heading', { name: `Invest in ${deal.title}` })).toBeVisible();
  // Below the minimum ticket: the API's rule comes back next to the field.
  await dialog.getByLabel('Amount (USD)').fill('10');
  await dialog.getByRole('button', { name: 'Confirm investment' }).click();
  await expect(dialog.getByText(/minimum investment is 1000/i)).toBeVisible();
  // Crypto needs a wallet address (the API's own schema, checked before sending).
  await dialog.getByLabel('Amount (USD)').fill('5000');
  await dialog.getByLabel('Payment method').selectOption('crypto');
  await dialog.getByRole('button', { name: 'Confirm investment' }).click();
  await expect(dialog.getByText('Wallet address is required for crypto payments')).toBeVisible();
  await dialog.getByLabel('Wallet address').fill('0x1111111111111111111111111111111111111111');
  await dialog.getByRole('button', { name: 'Confirm investment' }).click();
  await expect(dialog.getByTestId('invest-success')).toContainText('$5,000');
  const reference = (await dialog.getByText(/^Reference /).textContent())!.replace('Reference ', '').trim();
  await dialog.getByRole('link', { name: 'View portfolio' }).click();

  await page.waitForURL(/\/portfolio$/);
  const row = page.getByTestId('position-row').filter({ hasText: deal.title });
  await expect(row).toContainText('$5,000');
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', /pending_kyc|pending_payment/);
  await expect(page.getByTestId('total-USD')).toContainText('$5,000');
  await expect(page.getByRole('heading', { name: 'History' })).toBeVisible();

  await page.goto(`${origin('alpha')}/deals/${deal.slug}`);
  // Pending investments count as committed (reserved against the hard cap) until confirmed.
  await expect(page.getByTestId('committed')).not.toHaveText(committedBefore ?? '');

  // The portfolio keeps itself current (SWR against the API): the investment cancelled from
  // another device shows as cancelled on Refresh, without reloading the page.
  await page.goto(`${origin('alpha')}/portfolio`);
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', /pending_kyc|pending_payment/);
  const other = await api('alpha', 'POST', '/api/auth/login', { json: { email, password: 'correct horse battery staple 42' } });
  expect((await api('alpha', 'POST', `/api/investments/${reference}/cancel`, { token: other.body.token, json: { reason: 'Changed my mind' } })).status).toBe(200);
  await page.getByRole('button', { name: 'Refresh' }).click();
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('portfolio-updated')).toContainText('Updated');
  await expect(page.getByTestId('total-USD')).not.toContainText('$5,000');
});

test('a wrong password is refused with a message, and pages that need a session send you to log in', async ({ page }) => {
  await page.goto(`${origin('alpha')}/portfolio`);
  await page.waitForURL(/\/login\?next=%2Fportfolio/);
  await page.getByLabel('Email').fill('investor1@alpha.example');
  await page.getByLabel('Password', { exact: true }).fill('not-the-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /invalid|incorrect/i })).toBeVisible();
  await page.getByLabel('Password', { exact: true }).fill('Demo-Invest-2026');
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.waitForURL(/\/portfolio$/);
  await expect(page.getByRole('heading', { name: 'Portfolio', level: 1 })).toBeVisible();
});
