import { expect, test } from '@playwright/test';
import { origin } from './support/platform';

// The readable API index renders every operation, uploads (raw bytes, no JSON body) included.
test('the API reference page lists JSON and upload operations', async ({ page }) => {
  const r = await page.goto(`${origin('alpha')}/docs/api`);
  expect(r?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: 'API reference' })).toBeVisible();
  await expect(page.locator('li', { hasText: '/api/auth/login' }).first()).toBeVisible();
  const upload = page.locator('li', { hasText: '/api/deals/{id}/media' }).filter({ hasText: 'post' });
  await expect(upload.getByText(/Body: .*(octet-stream|image)/)).toBeVisible();
});
