import { expect, test } from '@playwright/test';
import { scan } from './support/axe';
import { confirmedInvestor } from './support/investors';
import { api, liveDeal, logIn, origin, RUN, token, verifiedIssuer } from './support/platform';

test('the admin overview shows the key figures and lazily loaded charts of money raised per day and per deal', async ({ page }) => {
  const deal = await liveDeal('alpha', `Canal Boat Repair Yard ${RUN}`);
  // Large enough to be among the top deals next to the seeded demo deals.
  await confirmedInvestor('alpha', deal.id, 'Cora', 'Charted', '99000');
  // A deal waiting for review.
  const issuer = await verifiedIssuer('alpha');
  const pending = await api('alpha', 'POST', '/api/issuer/deals', {
    token: issuer,
    json: { title: `Awaiting Review Bakery ${RUN}`, summary: 'A bakery.', description: 'Bread.', assetType: 'equity', currency: 'USD', targetAmount: '100000', softCap: '10000', hardCap: '120000', minTicket: '100', endsAt: '2027-12-31T00:00:00Z', compliance: { regimes: [] } },
  });
  expect((await api('alpha', 'POST', `/api/deals/${pending.body.id}/transitions`, { token: issuer, json: { action: 'submit' } })).status).toBeLessThan(300);

  const admin = await token('alpha', 'admin@alpha.example');
  const stats = (await api('alpha', 'GET', '/api/admin/stats', { token: admin })).body;
  const kyc = (await api('alpha', 'GET', '/api/compliance/kyc/applications?limit=100', { token: admin })).body.applications.length;
  const held = (await api('alpha', 'GET', '/api/admin/escrow?status=held&limit=100', { token: admin })).body.escrows;
  const due = held.filter((e: any) => e.daysLeftToDecide !== null && e.daysLeftToDecide <= 3).length;
  expect(stats.dealsByStatus.pending_review).toBeGreaterThanOrEqual(1);

  await logIn(page, 'alpha', 'admin@alpha.example');
  await page.goto(`${origin('alpha')}/admin`);
  await expect(page.getByTestId('figure-pending-reviews')).toHaveText(String(stats.dealsByStatus.pending_review));
  await expect(page.getByTestId('figure-kyc-queue')).toHaveText(String(kyc));
  await expect(page.getByTestId('figure-escrow-due')).toHaveText(String(due));

  // The charts render in the browser (recharts arrives with the lazily loaded chunk).
  const perDay = page.locator('[data-testid="chart-raised-per-day"][data-currency="USD"]');
  await expect(perDay.locator('svg.recharts-surface')).toBeVisible();
  const perDeal = page.locator('[data-testid="chart-raised-per-deal"][data-currency="USD"]');
  await expect(perDeal.locator('svg.recharts-surface')).toBeVisible();
  await expect(perDeal.locator('.recharts-bar-rectangle').first()).toBeVisible();

  // The exact numbers are one click away, as a table.
  await perDeal.getByText('Show the numbers').click();
  await expect(perDeal.getByRole('row', { name: new RegExp(`Canal Boat Repair Yard ${RUN}`) })).toContainText('$99,000');
  await perDay.getByText('Show the numbers').click();
  await expect(perDay.getByRole('table')).toContainText('$');
  await scan(page, 'admin overview with charts');
});
