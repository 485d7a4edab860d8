import { expect, test } from '@playwright/test';
import { scan } from './support/axe';
import { lookChecks, must, RUN_LETTERS, verifiedInvestor } from './support/pages';
import { api, liveDeal, logIn, origin, token } from './support/platform';

// The in-app bell: an investor with the app open sees the count rise the moment an admin
// confirms their investment (the notification stream, no reload), opens the list, reads it,
// and chooses their channels.

test('the bell shows a notification live after an admin confirms an investment, and the list marks it read', async ({ page, browser }) => {
  const deal = await liveDeal('alpha', `Bell Street Bakery ${RUN_LETTERS}`);
  const who = await verifiedInvestor('alpha', 'Bella', `Bell${RUN_LETTERS}`);
  const inv = await must(api('alpha', 'POST', `/api/deals/${deal.id}/invest`, { token: who.token, json: { amount: '1500', paymentMethod: 'wire' } }), 'invest');

  await logIn(page, 'alpha', who.email);
  await page.goto(`${origin('alpha')}/portfolio`);
  const bell = page.getByTestId('notification-bell');
  // The verification approval and the investment received are already there.
  await expect(bell).toHaveAccessibleName(/Notifications, [1-9]\d* unread/);
  const before = Number(/(\d+) unread/.exec((await bell.getAttribute('aria-label'))!)![1]);

  const admin = await token('alpha', 'admin@alpha.example');
  await must(api('alpha', 'POST', `/api/admin/investments/${inv.investment.id}/confirm`, { token: admin, json: { note: 'Wire received (e2e)' } }), 'confirm investment');
  // No reload: the stream pushes the new count.
  await expect(bell).toHaveAccessibleName(`Notifications, ${before + 1} unread`, { timeout: 20_000 });

  await bell.click();
  await page.waitForURL(/\/notifications$/);
  const first = page.getByTestId('notification').first();
  await expect(first).toContainText(`Your investment in ${deal.title} is confirmed`);
  await expect(first).toContainText('1500.00 USD');
  await expect(page.getByTestId('notification').filter({ hasText: `We received your investment in ${deal.title}` })).toBeVisible();
  await scan(page, 'notifications list');
  await page.getByRole('button', { name: 'Mark all as read' }).click();
  await expect(page.getByText('All read')).toBeVisible();
  await expect(bell).toHaveAccessibleName('Notifications', { timeout: 20_000 });

  // Preferences: deal updates by email off; a security message cannot be switched off.
  await page.getByRole('link', { name: 'Choose what you hear about' }).click();
  await page.waitForURL(/\/settings\/notifications$/);
  const dealUpdatesByEmail = page.getByRole('checkbox', { name: 'Updates from deals you invested in by Email', exact: true });
  await expect(dealUpdatesByEmail).toBeChecked();
  await dealUpdatesByEmail.uncheck();
  await expect(page.getByText('Saved.')).toBeVisible();
  await expect(page.getByRole('checkbox', { name: 'Password changed by Email (always on)' })).toBeDisabled();
  await page.reload();
  await expect(page.getByRole('checkbox', { name: 'Updates from deals you invested in by Email', exact: true })).not.toBeChecked();

  await lookChecks(browser, 'alpha', who.email, [
    { path: '/notifications', name: 'notifications' },
    { path: '/settings/notifications', name: 'notification-settings' },
  ]);
});

test('an admin adds a webhook endpoint, sees its secret once and sends a test event', async ({ page }) => {
  await logIn(page, 'alpha', 'admin@alpha.example');
  await page.goto(`${origin('alpha')}/admin/webhooks`);
  await expect(page.getByRole('heading', { name: 'Webhooks' })).toBeVisible();
  await page.getByLabel('Endpoint URL').fill(`http://127.0.0.1:9/hooks/${RUN_LETTERS}`);
  await page.getByRole('button', { name: 'Add endpoint' }).click();
  await expect(page.getByText(/^whsec_/)).toBeVisible();
  await expect(page.getByRole('heading', { name: `http://127.0.0.1:9/hooks/${RUN_LETTERS}` })).toBeVisible();
  // The run's database is fresh: this is the tenant's only endpoint.
  await page.getByRole('button', { name: 'Send test event' }).click();
  await expect(page.getByText('Test event queued; it is sent within a few seconds.')).toBeVisible();
  await scan(page, 'admin webhooks');
});
