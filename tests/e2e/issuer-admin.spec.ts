import { expect, test } from '@playwright/test';
import { api, logIn, origin, RUN, verifiedIssuer } from './support/platform';

test('an issuer creates a deal with the wizard and submits it; the admin approves it and investors see it', async ({ page }) => {
  await verifiedIssuer('alpha');
  const title = `Harbor Bakery Expansion ${RUN}`;

  await logIn(page, 'alpha', 'issuer@alpha.example');
  await page.getByRole('link', { name: 'My deals' }).click();
  await page.getByRole('link', { name: 'New deal' }).click();

  await page.getByLabel('Title').fill(title);
  await page.getByLabel('One-line summary').fill('A second oven and a shop front for the harbour bakery.');
  await page.getByLabel('Description').fill('## Why\n\nDemand doubled in two years.');
  await page.getByLabel('Asset type').selectOption('debt');
  await page.getByRole('button', { name: 'Continue' }).click();

  // Money rules are checked before the API sees them: soft cap above hard cap is refused.
  await page.getByLabel('Target raise').fill('200000');
  await page.getByLabel('Soft cap').fill('300000');
  await page.getByLabel('Hard cap').fill('250000');
  await page.getByLabel('Minimum ticket').fill('500');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('Soft cap cannot exceed the hard cap')).toBeVisible();
  await page.getByLabel('Soft cap').fill('50000');
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByLabel('Closes on (optional)').fill('2027-06-30');
  await page.getByLabel('Reg CF').check();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('deal-review')).toContainText(title);
  await expect(page.getByTestId('deal-review')).toContainText('$200,000');
  await page.getByRole('button', { name: 'Create draft' }).click();

  await page.waitForURL(/\/issuer\/deals$/);
  const row = page.getByTestId('issuer-deal-row').filter({ hasText: title });
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'draft');
  await row.getByRole('button', { name: `Submit ${title} for review` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Submit for review' }).click();
  await expect(row.locator('[data-status]')).toHaveAttribute('data-status', 'pending_review');

  await page.goto(`${origin('alpha')}/logout`);
  await page.waitForURL(/\/login$/);

  await logIn(page, 'alpha', 'admin@alpha.example');
  await page.getByRole('link', { name: 'Admin' }).click();
  await page.getByRole('link', { name: 'Deal reviews' }).click();
  const item = page.getByTestId('review-item').filter({ hasText: title });
  await expect(item).toBeVisible();
  await item.getByRole('button', { name: `Approve ${title}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await expect(item).toHaveCount(0);

  await page.goto(`${origin('alpha')}/deals?search=Harbor`);
  await expect(page.getByRole('link', { name: title })).toBeVisible();
});

test('an issuer settles a new deal on chain with a pool: the form checks the lock time as the API does, and the draft carries both', async ({ page }) => {
  const issuerToken = await verifiedIssuer('alpha');
  const title = `Quay Solar Pool ${RUN}`;
  await logIn(page, 'alpha', 'issuer@alpha.example');
  await page.goto(`${origin('alpha')}/issuer/deals/new`);
  await page.getByLabel('Title').fill(title);
  await page.getByLabel('One-line summary').fill('Rooftop panels for the quay warehouses.');
  await page.getByLabel('Description').fill('## Plan\n\nPanels on three roofs.');
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByLabel('Currency').fill('USDC');
  await page.getByLabel('Target raise').fill('100000');
  await page.getByLabel('Soft cap').fill('20000');
  await page.getByLabel('Hard cap').fill('150000');
  await page.getByLabel('Minimum ticket').fill('100');
  await page.getByRole('button', { name: 'Continue' }).click();

  await page.getByLabel('Closes on (optional)').fill('2027-06-30');
  // The pool's lock time appears only for an on-chain deal.
  await expect(page.getByLabel('Pool locks at, UTC (optional)')).toHaveCount(0);
  await page.getByLabel('Where investors’ money is held').selectOption('31337');
  await page.getByLabel('Pool locks at, UTC (optional)').fill('2027-07-15T12:00');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByText('The pool must lock no later than the deal closes')).toBeVisible();
  await page.getByLabel('Pool locks at, UTC (optional)').fill('2027-06-01T12:00');
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByTestId('deal-review')).toContainText('pool locks 2027-06-01 12:00 UTC');
  await page.getByRole('button', { name: 'Create draft' }).click();
  await page.waitForURL(/\/issuer\/deals$/);

  const mine = await api('alpha', 'GET', '/api/issuer/deals', { token: issuerToken });
  const id = (mine.body.deals as { id: string; title: string }[]).find((d) => d.title === title)!.id;
  // The draft kept both: its edit form shows them again.
  await page.goto(`${origin('alpha')}/issuer/deals/${id}/edit`);
  await page.getByRole('button', { name: 'Continue' }).click();
  await page.getByRole('button', { name: 'Continue' }).click();
  await expect(page.getByLabel('Where investors’ money is held')).toHaveValue('31337');
  await expect(page.getByLabel('Pool locks at, UTC (optional)')).toHaveValue('2027-06-01T12:00');
});
