import { expect, test } from '@playwright/test';
import { origin, RUN } from './support/platform';

// Issue 23: an investor submits accreditation evidence on /verification/accreditation: the 501(a)
// category with its figures (17 CFR 230.501(a)(6): $200,000 in each of the two years), the
// evidence and its date; a figure under the threshold is named beside its field.

test('an investor submits income evidence for accreditation, corrected at the $200,000 threshold', async ({ page }) => {
  await page.goto(`${origin('alpha')}/signup`);
  await page.getByLabel('First name').fill('Acre');
  await page.getByLabel('Last name').fill('Dited');
  await page.getByLabel('Email').fill(`acre.${RUN}@example.org`);
  await page.getByLabel('Password').fill('correct horse battery staple 42');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/deals$/);

  await page.goto(`${origin('alpha')}/verification`);
  await page.getByRole('link', { name: 'Accredited investor verification' }).click();
  await page.waitForURL(/\/verification\/accreditation$/);
  await expect(page.getByText('Nothing submitted yet.')).toBeVisible();

  await page.getByLabel('Evidence', { exact: true }).selectOption('income_documents');
  await page.getByLabel('Income in year 1 (USD)').fill('200000');
  await page.getByLabel('Income in year 2 (USD)').fill('199999.99');
  await page.getByLabel('Evidence document reference').fill('upload-2025-tax-return');
  await page.getByLabel('Date of the documents or letter').fill(new Date(Date.now() - 5 * 86_400_000).toISOString().slice(0, 10));
  await page.getByRole('button', { name: 'Submit evidence' }).click();
  await expect(page.getByLabel('Income in year 2 (USD)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByLabel('Income in year 1 (USD)')).not.toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('Income in year 2 (USD)').fill('200000');
  await page.getByRole('button', { name: 'Submit evidence' }).click();
  await expect(page.getByText('Submitted. Our compliance team will review it.')).toBeVisible();
  await expect(page.getByTestId('accreditation-row')).toHaveCount(1);
  await expect(page.getByTestId('accreditation-row')).toContainText('Income documents');
});
