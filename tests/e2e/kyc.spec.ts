import { expect, test } from '@playwright/test';
import { origin, RUN } from './support/platform';

// 1×1 transparent PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

test('an investor fills the declaration, starts KYC and uploads a passport scan on /verification', async ({ page }) => {
  // A fresh account, so its KYC has not started.
  await page.goto(`${origin('alpha')}/signup`);
  await page.getByLabel('First name').fill('Vera');
  await page.getByLabel('Last name').fill('Verify');
  await page.getByLabel('Email').fill(`vera.${RUN}@example.org`);
  await page.getByLabel('Password').fill('correct horse battery staple 42');
  await page.getByRole('button', { name: 'Create account' }).click();
  await page.waitForURL(/\/deals$/);

  await page.goto(`${origin('alpha')}/profile`);
  await page.getByRole('link', { name: 'Verification status' }).click();
  await page.waitForURL(/\/verification$/);
  await expect(page.getByRole('heading', { name: 'Verification', level: 1 })).toBeVisible();
  await expect(page.getByTestId('kyc-status')).toContainText(/not started/i);

  // Declaration: a wrong country code comes back next to its field.
  await page.getByLabel('Country of residence').fill('D1');
  await page.getByLabel('Nationality').fill('FR');
  await page.getByLabel('Investor type').selectOption('natural_person');
  await page.getByLabel('Annual income (USD)').fill('85000');
  await page.getByLabel('Net worth (USD)').fill('250000');
  await page.getByRole('button', { name: 'Save declaration' }).click();
  await expect(page.getByText('must be an ISO 3166-1 alpha-2 code such as DE')).toBeVisible();
  await page.getByLabel('Country of residence').fill('DE');
  await page.getByRole('button', { name: 'Save declaration' }).click();
  await expect(page.getByText('Declaration saved.')).toBeVisible();
  await page.reload();
  await expect(page.getByLabel('Country of residence')).toHaveValue('DE');
  await expect(page.getByLabel('Net worth (USD)')).toHaveValue(/^250000(\.00)?$/);

  await page.getByRole('button', { name: 'Start identity verification' }).click();
  await expect(page.getByTestId('kyc-application-status')).toBeVisible();

  await page.getByLabel('Document type').selectOption('passport');
  await page.getByLabel('File').setInputFiles({ name: 'passport.png', mimeType: 'image/png', buffer: PNG });
  await page.getByRole('button', { name: 'Upload document' }).click();
  await expect(page.getByText('Document uploaded. We will review it shortly.')).toBeVisible();
  await expect(page.getByTestId('kyc-documents')).toContainText(/Passport · image\/png/);
});
