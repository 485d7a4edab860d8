import { expect, test } from '@playwright/test';
import { logIn, origin, showcaseDeal } from './support/platform';

test("one tenant's users and deals do not exist on another tenant", async ({ page }) => {
  const alphaDeal = await showcaseDeal('alpha');
  const betaDeal = await showcaseDeal('beta');

  // Alpha's investor cannot log in on beta: the same form, a plain refusal.
  await page.goto(`${origin('beta')}/login`);
  await expect(page.getByText('Beta Builders Club').first()).toBeVisible();
  await page.getByLabel('Email').fill('investor1@alpha.example');
  await page.getByLabel('Password', { exact: true }).fill('Demo-Invest-2026');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert').filter({ hasText: /invalid|incorrect/i })).toBeVisible();

  // Beta's own investor sees beta's deals only.
  await logIn(page, 'beta', 'investor1@beta.example');
  await expect(page.getByRole('link', { name: betaDeal.title }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: alphaDeal.title })).toHaveCount(0);
  await page.goto(`${origin('beta')}/deals?search=Heliotrope`);
  await expect(page.getByText('No deals match these filters')).toBeVisible();
  // (The status is 200 once the loading skeleton has streamed; the page is the not-found one.)
  await page.goto(`${origin('beta')}/deals/${alphaDeal.slug}`);
  await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  await expect(page.getByText(alphaDeal.title)).toHaveCount(0);

  // And the beta session means nothing on alpha (cookies are per host).
  await page.goto(`${origin('alpha')}/portfolio`);
  await page.waitForURL(/alpha\.localhost.*\/login/);
});
