import { expect, test } from '@playwright/test';
import { origin, RUN } from './support/platform';

// Issue 23: before a first Reg CF investment the investor reads the educational materials and
// acknowledges them (17 CFR 227.302(b), 227.303(b)(2)) on /verification.

test('an investor acknowledges the Reg CF educational materials on /verification', async ({ page }) => {
  await page.goto(`${origin('alpha')}/signup`);
  await page.getByLabel('First name').fill('Edu');
  await page.getByLabel('Last name').fill('Cation');
  await page.getByLabel('Email').fill(`edu.${RUN}@example.org`);
  await page.getByLabel('Password').fill('correct horse battery staple 42');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/deals$/);

  await page.goto(`${origin('alpha')}/verification`);
  const card = page.getByTestId('reg-cf-education');
  await expect(card).toContainText('Resale');
  await card.getByLabel('I have read the educational materials above').check();
  await card.getByLabel('I understand I may lose the whole amount I invest').check();
  await card.getByLabel('I can bear that loss').check();
  await card.getByLabel('I understand I can cancel only until 48 hours before an offering’s deadline').check();
  await card.getByLabel('I understand I generally cannot resell for a year, and there may never be a market').check();
  await card.getByRole('button', { name: 'Acknowledge' }).click();
  await expect(card).toContainText('You acknowledged these materials on');
  await page.reload();
  await expect(page.getByTestId('reg-cf-education').getByRole('button', { name: 'Acknowledge' })).toHaveCount(0);
});
