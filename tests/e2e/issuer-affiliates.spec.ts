import { expect, test } from '@playwright/test';
import { api, logIn, origin, PASSWORD, RUN, token, verifiedIssuer } from './support/platform';

// Issue 23: a tenant admin records that two issuers are affiliated, so their Reg CF sales share
// $5,000,000 in 12 months (17 CFR 227.100(a)(1)), on /admin/issuers/[id]/affiliates.

test('an admin records an affiliated issuer', async ({ page }) => {
  await verifiedIssuer('alpha');
  // A second issuer: a new account is given the issuer role and creates a profile.
  const email = `sister.${RUN}@example.org`;
  expect((await api('alpha', 'POST', '/api/auth/register', { json: { email, password: PASSWORD, firstName: 'Sam', lastName: 'Sister' } })).status).toBeLessThan(300);
  const admin = await token('alpha', 'admin@alpha.example');
  const users = await api('alpha', 'GET', `/api/admin/users?search=${encodeURIComponent(email)}`, { token: admin });
  expect((await api('alpha', 'POST', `/api/admin/users/${users.body.users[0].id}/roles`, { token: admin, json: { role: 'issuer', action: 'grant' } })).status).toBeLessThan(300);
  const second = await token('alpha', email);
  const name = `Sister Co ${RUN}`;
  const created = await api('alpha', 'POST', '/api/issuer/profile', {
    token: second,
    json: { legalEntity: { name: `${name} Ltd`, jurisdiction: 'GB', registrationNumber: `AFF-${RUN}`, entityType: 'corporation' }, profile: { displayName: name } },
  });
  expect(created.status).toBe(201);
  const issuer = await api('alpha', 'GET', '/api/issuer/profile', { token: await token('alpha', 'issuer@alpha.example') });

  await logIn(page, 'alpha', 'admin@alpha.example');
  await page.goto(`${origin('alpha')}/admin/issuers`);
  await page.getByTestId('issuer-row').filter({ hasText: issuer.body.profile.displayName }).getByRole('link', { name: 'Affiliates' }).click();
  await page.waitForURL(new RegExp(`/admin/issuers/${issuer.body.id}/affiliates$`));
  await expect(page.getByText('None recorded.')).toBeVisible();
  await page.getByLabel('Affiliated issuer').selectOption({ label: name });
  await page.getByRole('button', { name: 'Record affiliate' }).click();
  await expect(page.getByText('Affiliate recorded.')).toBeVisible();
  await expect(page.getByTestId('affiliate-list')).toContainText(name);
});
