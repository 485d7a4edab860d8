import { expect, test, type Page } from '@playwright/test';
import { scan } from './support/axe';
import { confirmedInvestor } from './support/investors';
import { api, liveDeal, logIn, origin, RUN, token, verifiedIssuer, type TenantSlug } from './support/platform';

const cssVar = (page: Page, name: string) => page.evaluate((n) => getComputedStyle(document.documentElement).getPropertyValue(n).trim().toUpperCase(), name);

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

test('a tenant admin rebrands on /admin/branding with a live preview and field errors; the new colour shows on that tenant at once and never on the other', async ({ page, browser }) => {
  const adminToken = await token('alpha', 'admin@alpha.example');
  const original = (await api('alpha', 'GET', '/api/admin/tenant', { token: adminToken })).body;
  const other = await browser.newPage();
  const primaryOf = async (p: Page, t: TenantSlug) => {
    await p.goto(`${origin(t)}/login`);
    return cssVar(p, '--primary');
  };
  const betaBefore = await primaryOf(other, 'beta');
  try {
    await logIn(page, 'alpha', 'admin@alpha.example');
    await page.goto(`${origin('alpha')}/admin`);
    await page.getByRole('navigation', { name: 'Administration' }).getByRole('link', { name: 'Branding' }).click();
    await page.waitForURL(/\/admin\/branding$/);
    const primary = page.getByLabel('Primary colour', { exact: true });
    await expect(primary).toHaveValue(original.theme.colors.primary);
    await scan(page, 'branding page');

    // Bad values come back from the API next to their own fields.
    await primary.fill('#12345');
    await page.getByLabel('Logo for light mode').fill('ftp://logo.example/logo.svg');
    await page.getByRole('button', { name: 'Save branding' }).click();
    await expect(primary).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('a #rrggbb colour')).toBeVisible();
    await expect(page.getByLabel('Logo for light mode')).toHaveAttribute('aria-invalid', 'true');
    await expect(page.getByText('an https:// or site-relative URL')).toBeVisible();
    await expect(page.getByLabel('Secondary colour', { exact: true })).not.toHaveAttribute('aria-invalid', 'true');
    await page.mouse.move(0, 0); // not hovering the button: its hover shade is not what is judged
    await scan(page, 'branding page with errors');

    // The live preview follows the form before anything is saved.
    await primary.fill('#0E7490');
    await page.getByLabel('Logo for light mode').fill('');
    await page.getByLabel('Community name').fill(`Alpha Angels ${RUN}`);
    await page.getByLabel('Heading font').selectOption('Georgia');
    const light = page.getByTestId('preview-light');
    await expect(page.getByTestId('preview-light-button')).toHaveCSS('background-color', 'rgb(14, 116, 144)');
    await expect(light).toContainText(`Alpha Angels ${RUN}`);
    await expect(page.getByTestId('preview-dark')).toBeVisible();
    expect(await cssVar(page, '--primary')).toBe(original.theme.colors.primary.toUpperCase()); // the site itself: not yet

    await page.getByRole('button', { name: 'Save branding' }).click();
    await expect(page.getByRole('status')).toHaveText(/Branding saved/);
    await expect(primary).not.toHaveAttribute('aria-invalid', 'true');

    // Alpha's pages use it straight away (fresh navigation, no rebuild); beta's never do.
    await page.goto(`${origin('alpha')}/deals`);
    expect(await cssVar(page, '--primary')).toBe('#0E7490');
    await expect(page).toHaveTitle(new RegExp(`Alpha Angels ${RUN}`));
    expect(await primaryOf(other, 'beta')).toBe(betaBefore);
    await other.goto(`${origin('beta')}/deals`);
    await expect(other).not.toHaveTitle(new RegExp(`Alpha Angels ${RUN}`));
  } finally {
    const restored = await api('alpha', 'PATCH', '/api/admin/tenant', { token: adminToken, json: { name: original.name, theme: original.theme } });
    expect(restored.status).toBe(200);
    await other.close();
  }
});
