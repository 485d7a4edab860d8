import { expect, test } from '@playwright/test';
import { logIn } from './support/platform';

// Issue 23: a Regulation S purchase is an offshore transaction (17 CFR 230.903(a)(1)): the invest
// form of a Reg S deal asks where the investor is as they order, and an order from the United
// States is refused with the rule named. Uses the demo's Reg S token deal and demo investor.

test('the invest form of a Reg S deal asks for the order location and refuses an order from the United States', async ({ page }) => {
  await logIn(page, 'alpha', 'investor1@alpha.example', 'Demo-Invest-2026');
  await page.goto(`${page.url().replace(/\/deals$/, '')}/deals/verdant-carbon-token`);
  await page.getByRole('button', { name: 'Invest', exact: true }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel(/^Amount/).fill('100');
  await dialog.getByLabel('Payment method').selectOption('crypto');
  await dialog.getByLabel('Wallet address').fill('0x1111111111111111111111111111111111111111');
  await dialog.getByLabel('Country you are in now').fill('US');
  await dialog.getByRole('button', { name: 'Confirm investment' }).click();
  await expect(dialog.getByText(/230\.903\(a\)\(1\)/)).toBeVisible();
  await dialog.getByLabel('Country you are in now').fill('DE');
  await dialog.getByRole('button', { name: 'Confirm investment' }).click();
  await expect(dialog.getByTestId('invest-success')).toBeVisible();
});
