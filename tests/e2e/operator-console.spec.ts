import { readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { hotp, base32Decode } from '../../src/server/auth/totp';
import { scan } from './support/axe';
import { PASSWORD, PORT, api, logIn, origin } from './support/platform';

// Issue 17, the operator's side: a platform admin signs in to the console on its own host with
// a password and an authenticator code, sees the tenants, suspends one (its pages and API answer
// 503, nothing is lost) and resumes it; the console's audit page shows both.

const CONSOLE = `http://admin.localhost:${PORT}`;
const OPERATOR = 'operator@platform.example';

/** The demo operator's TOTP secret, as `npm start` printed it in the run's server log (local runs only). */
function operatorSecret(): string {
  const log = readFileSync(path.join(process.env.E2E_DATA_DIR ?? './data/e2e', 'server.log'), 'utf8');
  const m = /console:code -- ([A-Z2-7]+)/.exec(log);
  if (!m) throw new Error('the start banner printed no console secret');
  return m[1]!;
}

// A code works once: each sign-in waits for a step no earlier sign-in of this run used.
let lastStep = 0;
async function code(): Promise<string> {
  let step = Math.floor(Date.now() / 30_000);
  while (step <= lastStep) {
    await new Promise((r) => setTimeout(r, 1000));
    step = Math.floor(Date.now() / 30_000);
  }
  lastStep = step;
  return hotp(base32Decode(operatorSecret()), step);
}

async function signIn(page: Page): Promise<void> {
  await page.goto(`${CONSOLE}/console`);
  await expect(page).toHaveURL(/\/console\/login$/);
  await page.getByLabel('Email').fill(OPERATOR);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Code').fill(await code());
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Tenants' })).toBeVisible();
}

test('the console is on its own host, needs the code, and a tenant host has no console', async ({ page }) => {
  await page.goto(`${CONSOLE}/console/login`);
  await page.getByLabel('Email').fill(OPERATOR);
  await page.getByLabel('Password').fill('wrong-password-1');
  await page.getByRole('button', { name: 'Continue' }).click();
  // Next's route announcer is also role=alert: the form's message is the one with text.
  await expect(page.getByRole('alert').filter({ hasText: 'incorrect' })).toBeVisible();
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Code').fill('000000');
  await page.getByRole('button', { name: 'Verify and sign in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: 'does not match' })).toBeVisible();
  // A tenant's host has no console pages, and no console API.
  expect((await page.goto(`${origin('alpha')}/console`))!.status()).toBe(404);
  expect((await api('alpha', 'GET', '/api/platform/tenants')).status).toBe(404);
});

test('suspend a tenant: its pages and API answer 503, resume brings it back intact; both in the audit log', async ({ page, browser }) => {
  test.setTimeout(180_000);
  await signIn(page);
  const row = page.locator('tr[data-tenant="beta"]');
  await expect(row).toContainText('active');
  const dealsBefore = await api('beta', 'GET', '/api/deals');
  expect(dealsBefore.status).toBe(200);
  await scan(page, 'console tenants');
  await row.getByRole('link').click();
  await expect(page.getByRole('heading', { level: 1, name: 'Beta Builders Club' })).toBeVisible();

  const reason = `Console e2e ${Date.now().toString(36)}`;
  try {
    await page.getByRole('button', { name: 'Suspend' }).click();
    await page.getByLabel(/Reason/).fill(reason);
    await page.getByRole('button', { name: 'Suspend tenant' }).click();
    await expect(page.getByText(reason).first()).toBeVisible();

    const visitor = await browser.newPage();
    const res = await visitor.goto(`${origin('beta')}/deals`);
    expect(res!.status()).toBe(503);
    await expect(visitor.getByRole('heading', { level: 1 })).toContainText('temporarily unavailable');
    await expect(visitor.getByText(reason)).toBeVisible();
    const apiDown = await api('beta', 'GET', '/api/deals');
    expect(apiDown.status).toBe(503);
    expect(apiDown.body.code).toBe('tenant_suspended');
    // Another tenant is untouched.
    expect((await visitor.goto(`${origin('alpha')}/deals`))!.status()).toBe(200);
    await visitor.close();
  } finally {
    if (await page.getByRole('button', { name: 'Resume' }).isVisible()) {
      await page.getByRole('button', { name: 'Resume' }).click();
      await page.getByRole('button', { name: 'Resume tenant' }).click();
    }
  }
  await expect(page.getByRole('button', { name: 'Suspend' })).toBeVisible();
  const dealsAfter = await api('beta', 'GET', '/api/deals');
  expect(dealsAfter.status).toBe(200);
  expect(dealsAfter.body).toEqual(dealsBefore.body);

  await page.getByRole('link', { name: 'Audit log' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Audit log' })).toBeVisible();
  await expect(page.getByText('tenant.suspend').first()).toBeVisible();
  await expect(page.getByText('tenant.reactivate').first()).toBeVisible();
  await expect(page.getByText(reason).first()).toBeVisible();
  await scan(page, 'console audit');
});

test('the console pages work at 375 px in light and dark', async ({ browser }) => {
  test.setTimeout(120_000);
  for (const scheme of ['light', 'dark'] as const) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width: 375, height: 812 } });
    const page = await context.newPage();
    await signIn(page);
    for (const p of ['/console', '/console/audit']) {
      await page.goto(`${CONSOLE}${p}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      await scan(page, `console ${p} ${scheme} 375px`);
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${p} ${scheme}: no sideways scrolling`).toBeLessThanOrEqual(0);
    }
    await context.close();
  }
});

test('a tenant admin turns investment groups off: the pages say so and the API refuses; on again: back as they were', async ({ page }) => {
  test.setTimeout(120_000);
  await logIn(page, 'alpha', 'admin@alpha.example');
  await page.goto(`${origin('alpha')}/admin/features`);
  const groups = page.getByRole('switch', { name: /Investment groups/ });
  await expect(groups).toBeChecked();
  const listed = await api('alpha', 'GET', '/api/groups');
  try {
    await groups.uncheck();
    await expect(groups).not.toBeChecked();
    await expect(groups).toBeEnabled();
    await page.goto(`${origin('alpha')}/groups`);
    await expect(page.getByText('Investment groups are turned off for this community')).toBeVisible();
    const refused = await api('alpha', 'GET', '/api/groups');
    expect(refused.status).toBe(403);
    expect(refused.body).toMatchObject({ code: 'feature_disabled', feature: 'investmentGroups' });
  } finally {
    await page.goto(`${origin('alpha')}/admin/features`);
    const again = page.getByRole('switch', { name: /Investment groups/ });
    if (!(await again.isChecked())) await again.check();
    await expect(again).toBeChecked();
    await expect(again).toBeEnabled();
  }
  await page.goto(`${origin('alpha')}/groups`);
  await expect(page.getByTestId('group-list')).toBeVisible();
  expect((await api('alpha', 'GET', '/api/groups')).body).toEqual(listed.body);
});
