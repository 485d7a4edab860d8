import { expect, test } from '@playwright/test';
import { origin, RUN } from './support/platform';

// Issue 23: the declaration asks for Reg CF purchases on other platforms with their dates
// (17 CFR 227.303(b)(1)); a bad row's error shows beside it, and the statement survives a reload.

test('an investor states a Reg CF purchase elsewhere with its date on /verification', async ({ page }) => {
  await page.goto(`${origin('alpha')}/signup`);
  await page.getByLabel('First name').fill('Cora');
  await page.getByLabel('Last name').fill('Crowd');
  await page.getByLabel('Email').fill(`cora.${RUN}@example.org`);
  await page.getByLabel('Password').fill('correct horse battery staple 42');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/deals$/);

  await page.goto(`${origin('alpha')}/verification`);
  await page.getByLabel('Country of residence').fill('US');
  await page.getByLabel('Nationality').fill('US');
  await page.getByLabel('Annual income (USD)').fill('50000');
  await page.getByLabel('Net worth (USD)').fill('80000');
  await page.getByRole('button', { name: 'Add a purchase' }).click();
  await page.getByLabel('Amount (USD) (purchase 1)').fill('0');
  const day = new Date(Date.now() - 20 * 86_400_000).toISOString().slice(0, 10);
  await page.getByLabel('Date (purchase 1)').fill(day);
  await page.getByLabel('Platform (purchase 1)').fill('Other Portal LLC');
  await page.getByRole('button', { name: 'Save declaration' }).click();
  await expect(page.getByText('amount must be more than 0')).toBeVisible();
  await page.getByLabel('Amount (USD) (purchase 1)').fill('1500');
  await page.getByRole('button', { name: 'Save declaration' }).click();
  await expect(page.getByText('Declaration saved.')).toBeVisible();

  await page.reload();
  await expect(page.getByLabel('Amount (USD) (purchase 1)')).toHaveValue(/^1500(\.00)?$/);
  await expect(page.getByLabel('Date (purchase 1)')).toHaveValue(day);
  await expect(page.getByLabel('Platform (purchase 1)')).toHaveValue('Other Portal LLC');

  // The allowance for the next 12 months (227.100(a)(2)): 5% of $80,000 is $4,000, less the $1,500 stated.
  await expect(page.getByTestId('reg-cf-limit')).toHaveText('$4,000');
  await expect(page.getByTestId('reg-cf-remaining')).toHaveText('$2,500');
  await expect(page.getByTestId('reg-cf-frees')).toContainText('$1,500');
});
