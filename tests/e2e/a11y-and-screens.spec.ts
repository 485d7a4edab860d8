import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { scan } from './support/axe';
import { closeLiveStream, logIn, origin, showcaseDeal, type TenantSlug } from './support/platform';

// Every main page, both tenants, light and dark: zero serious or critical axe violations.
// Screenshots of the same pages are kept as artifacts (scripts/e2e.ts copies them to
// docs/screenshots/ after a green run).
const SHOTS = path.resolve('test-results/e2e/screenshots');
mkdirSync(SHOTS, { recursive: true });
const SET = new Set([
  ...['home', 'deals', 'deal', 'invest-dialog', 'portfolio', 'new-deal', 'admin', 'admin-users', 'admin-branding'].map((n) => `alpha-light-${n}`),
  'beta-dark-admin',
  'alpha-dark-deals',
  'alpha-dark-portfolio',
  'beta-light-login',
  'beta-light-deals',
  'beta-light-deal',
  'beta-dark-deals',
  'beta-dark-deal',
]);

async function visit(page: Page, url: string, opts: { ready?: string } = {}) {
  await page.goto(url);
  await page.waitForLoadState('networkidle');
  if (opts.ready) await expect(page.getByRole('heading', { name: opts.ready }).first()).toBeVisible();
}

async function shot(page: Page, name: string) {
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`) });
}

for (const tenant of ['alpha', 'beta'] as TenantSlug[]) {
  for (const scheme of ['light', 'dark'] as const) {
    test(`${tenant} ${scheme}: main pages pass axe (serious/critical) and are captured`, async ({ browser }) => {
      const deal = await showcaseDeal(tenant);
      const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await closeLiveStream(page);
      const o = origin(tenant);
      const key = `${tenant}-${scheme}`;

      await visit(page, `${o}/`);
      await scan(page, `${key} home`);
      // A representative set, to keep docs/screenshots small.
      const keep = (name: string) => SET.has(`${key}-${name}`);
      if (keep('home')) await shot(page, `${key}-home`);
      await visit(page, `${o}/login`, { ready: 'Log in' });
      await scan(page, `${key} login`);
      if (keep('login')) await shot(page, `${key}-login`);
      await visit(page, `${o}/signup`, { ready: 'Create your account' });
      await scan(page, `${key} signup`);

      await logIn(page, tenant, `investor1@${tenant}.example`);
      await visit(page, `${o}/deals`, { ready: 'Deals' });
      await scan(page, `${key} deals`);
      if (keep('deals')) await shot(page, `${key}-deals`);
      await visit(page, `${o}/deals/${deal.slug}`, { ready: deal.title });
      await scan(page, `${key} deal`);
      if (keep('deal')) await shot(page, `${key}-deal`);
      await page.getByRole('button', { name: 'Invest', exact: true }).click();
      await expect(page.getByRole('dialog')).toBeVisible();
      await scan(page, `${key} invest dialog`);
      if (keep('invest-dialog')) await shot(page, `${key}-invest-dialog`);
      await page.keyboard.press('Escape');
      await visit(page, `${o}/portfolio`, { ready: 'Portfolio' });
      await expect(page.getByTestId('position-row').first()).toBeVisible();
      await scan(page, `${key} portfolio`);
      if (keep('portfolio')) await shot(page, `${key}-portfolio`);
      await visit(page, `${o}/profile`, { ready: 'Profile and security' });
      await scan(page, `${key} profile`);

      await page.goto(`${o}/logout`);
      await page.waitForURL(/\/login$/);
      await logIn(page, tenant, `issuer@${tenant}.example`);
      await visit(page, `${o}/issuer/deals`, { ready: 'My deals' });
      await scan(page, `${key} issuer deals`);
      await visit(page, `${o}/issuer/deals/new`, { ready: 'New deal' });
      await scan(page, `${key} new deal`);
      if (keep('new-deal')) await shot(page, `${key}-new-deal`);

      await page.goto(`${o}/logout`);
      await page.waitForURL(/\/login$/);
      await logIn(page, tenant, `admin@${tenant}.example`);
      for (const [p, name] of [
        ['/admin', 'admin'],
        ['/admin/deals', 'admin-deals'],
        ['/admin/issuers', 'admin-issuers'],
        ['/admin/users', 'admin-users'],
        ['/admin/branding', 'admin-branding'],
      ] as const) {
        await visit(page, `${o}${p}`, { ready: 'Administration' });
        // The overview's charts and the branding editor arrive as lazy chunks.
        if (name === 'admin') await expect(page.locator('.recharts-surface').first()).toBeVisible();
        if (name === 'admin-branding') await expect(page.getByTestId('preview-dark')).toBeVisible();
        await scan(page, `${key} ${name}`);
        if (keep(name)) await shot(page, `${key}-${name}`);
      }
      await context.close();
    });
  }
}

test('phone width (375 px): deals, deal and portfolio fit and the menu carries the navigation', async ({ browser }) => {
  const deal = await showcaseDeal('beta');
  const context = await browser.newContext({ viewport: { width: 375, height: 812 }, colorScheme: 'light' });
  const page = await context.newPage();
  await closeLiveStream(page);
  await logIn(page, 'beta', 'investor1@beta.example');
  await page.waitForLoadState('networkidle');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  expect(overflow).toBeLessThanOrEqual(0);
  await shot(page, 'beta-light-deals-375');
  await scan(page, 'beta 375 deals');
  await page.getByRole('button', { name: /Account menu/ }).click();
  await expect(page.getByRole('menuitem', { name: 'Portfolio' })).toBeVisible();
  await page.getByRole('menuitem', { name: 'Portfolio' }).click();
  await page.waitForURL(/\/portfolio$/);
  await page.waitForLoadState('networkidle');
  expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  await visit(page, `${origin('beta')}/deals/${deal.slug}`, { ready: deal.title });
  await shot(page, 'beta-light-deal-375');
  await context.close();
});

test('the theme toggle switches to dark and remembers it', async ({ page }) => {
  await page.emulateMedia({ colorScheme: 'light' });
  await page.goto(`${origin('alpha')}/login`);
  await expect(page.locator('html')).not.toHaveClass(/dark/);
  await page.getByRole('button', { name: 'Switch between light and dark mode' }).click();
  await expect(page.locator('html')).toHaveClass(/dark/);
  await page.reload();
  await expect(page.locator('html')).toHaveClass(/dark/);
});
