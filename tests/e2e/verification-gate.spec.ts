import { expect, test } from '@playwright/test';
import { scan } from './support/axe';
import { api, logIn, origin, PASSWORD, RUN, showcaseDeal, token } from './support/platform';

// A tenant that shows its deals to verified members only (compliance settings:
// verificationLevels.browse). Visitors and unverified members are told what is needed and
// given one next step; staff still see everything. Beta is switched for this test and back.
test('deals shown to verified members only: visitors are asked to sign in, unverified members to verify, admins still browse', async ({ page }) => {
  const admin = await token('beta', 'admin@beta.example');
  const deal = await showcaseDeal('beta');
  const email = `gate.${RUN}@example.org`;
  expect((await api('beta', 'POST', '/api/auth/register', { json: { email, password: PASSWORD, firstName: 'Gale', lastName: 'Gated' } })).status).toBe(201);

  const gate = await api('beta', 'PATCH', '/api/admin/compliance-settings', { token: admin, json: { verificationLevels: { browse: 'standard' } } });
  expect(gate.status).toBe(200);
  try {
    // The API says why, with the stable code.
    const anonymous = await api('beta', 'GET', '/api/deals');
    expect(anonymous.status).toBe(401);
    expect(anonymous.body.code).toBe('verification_level_required');

    await page.goto(`${origin('beta')}/deals`);
    await expect(page.getByRole('heading', { name: 'Sign in to see the deals' })).toBeVisible();
    await expect(page.getByRole('link', { name: 'Sign in' }).last()).toHaveAttribute('href', '/login?next=%2Fdeals');
    await expect(page.getByText(deal.title)).toHaveCount(0);
    // The welcome page still opens, without featured deals.
    const home = await page.goto(`${origin('beta')}/`);
    expect(home?.status()).toBe(200);
    await expect(page.getByText(deal.title)).toHaveCount(0);

    await logIn(page, 'beta', email);
    await expect(page.getByRole('heading', { name: 'Verify your identity to see the deals' })).toBeVisible();
    await expect(page.getByTestId('verification-gate-detail')).toContainText('standard');
    await scan(page, 'beta verification gate');
    // A deal's own page sends an unverified member back to the explanation.
    await page.goto(`${origin('beta')}/deals/${deal.slug}`);
    await page.waitForURL(/\/deals$/);
    await page.getByRole('link', { name: 'Continue verification' }).click();
    await page.waitForURL(/\/verification$/);

    // Staff manage the deals whatever the tenant asks of investors.
    await page.context().clearCookies();
    await logIn(page, 'beta', 'admin@beta.example');
    await page.goto(`${origin('beta')}/deals`);
    await expect(page.getByRole('heading', { name: 'All deals' })).toBeVisible();
  } finally {
    const restored = await api('beta', 'PATCH', '/api/admin/compliance-settings', { token: admin, json: { verificationLevels: { browse: 'none' } } });
    expect(restored.status).toBe(200);
  }
});
