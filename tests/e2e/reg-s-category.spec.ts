import { expect, test } from '@playwright/test';
import { logIn, RUN, verifiedIssuer } from './support/platform';

// Issue 23: a deal offered under Regulation S states its category (17 CFR 230.903(b)); the wizard
// asks for it as soon as Reg S is ticked and the API stores it with the deal.

test('the new-deal wizard asks for the Regulation S category when Reg S is ticked', async ({ page }) => {
  await verifiedIssuer('alpha');
  const title = `Offshore Solar Note ${RUN}`;
  await logIn(page, 'alpha', 'issuer@alpha.example');
  await page.getByRole('link', { name: 'My deals' }).click();
  await page.getByRole('link', { name: 'New deal' }).click();

  await page.getByLabel('Title').fill(title);
  await page.getByLabel('One-line summary').fill('Panels for a school roof, sold to investors outside the United States.');
  await page.getByLabel('Description').fill('Offered under Regulation S only.');
  await page.getByLabel('Asset type').selectOption('debt');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Target raise').fill('100000');
  await page.getByLabel('Soft cap').fill('50000');
  await page.getByLabel('Hard cap').fill('150000');
  await page.getByLabel('Minimum ticket').fill('100');
  await page.getByRole('button', { name: 'Continue' }).click();

  // Ticking Reg CF asks for the Form C (227.303(a)(2)); unticking hides it again.
  await expect(page.getByLabel('Form C file number')).toHaveCount(0);
  await page.getByLabel('Reg CF').check();
  await expect(page.getByLabel('Form C file number')).toBeVisible();
  await expect(page.getByLabel('Form C filed on')).toBeVisible();
  await page.getByLabel('Reg CF').uncheck();
  await expect(page.getByLabel('Form C file number')).toHaveCount(0);

  await expect(page.getByLabel('Regulation S category (17 CFR 230.903(b))')).toHaveCount(0);
  await page.getByLabel('Reg S').check();
  const category = page.getByLabel('Regulation S category (17 CFR 230.903(b))');
  await expect(category).toHaveValue('3');
  await category.selectOption('2');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('deal-review')).toContainText('Reg S');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await page.waitForURL(/\/issuer\/deals$/);
  await expect(page.getByTestId('issuer-deal-row').filter({ hasText: title })).toBeVisible();
});
