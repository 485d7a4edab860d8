import { expect, test } from '@playwright/test';
import { liveDeal, logIn, origin, RUN } from './support/platform';

// Issue 23: a compliance officer (here the tenant admin) sees an offering's compliance summary and
// records its Form D filing (17 CFR 230.503) on /compliance/deals/[id]/form-d.

test('the Form D filing of a 506(c) offering is recorded from its compliance page', async ({ page }) => {
  const deal = await liveDeal('alpha', `Form D Filing Test ${RUN}`, { compliance: { regimes: ['reg_d_506c'] } });
  await logIn(page, 'alpha', 'admin@alpha.example');
  await page.goto(`${origin('alpha')}/compliance/deals`);
  await page.getByRole('link', { name: deal.title }).click();
  await page.waitForURL(new RegExp(`/compliance/deals/${deal.id}/form-d$`));
  await expect(page.getByTestId('summary-form-d-due')).toHaveText('After the first sale');
  await expect(page.getByTestId('summary-form-d-filed')).toHaveText('No');
  await expect(page.getByTestId('summary-bad-actor')).toBeVisible();

  await page.getByLabel('SEC file number').fill('12345');
  await page.getByLabel('Accepted by EDGAR on').fill(new Date().toISOString().slice(0, 10));
  await page.getByRole('button', { name: 'Record filing' }).click();
  await expect(page.getByLabel('SEC file number')).toHaveAttribute('aria-invalid', 'true');

  await page.getByLabel('SEC file number').fill('021-123456');
  await page.getByRole('button', { name: 'Record filing' }).click();
  await expect(page.getByText('Filing recorded.')).toBeVisible();
  await expect(page.getByTestId('form-d-filings')).toContainText('021-123456');
  await expect(page.getByTestId('summary-form-d-filed')).toContainText('Yes');
});
