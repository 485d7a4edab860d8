import { expect, test } from '@playwright/test';
import { accountWith, fetchInPage, lookChecks, must, verifiedInvestor } from './support/pages';
import { api, liveDeal, logIn, origin, RUN, showcaseDeal, token } from './support/platform';

// Issue 15: the tenant admin's money pages (investments, escrow), the audit log, users'
// activity and featuring a deal, each action through the UI and checked through the API.

test('an admin confirms and refunds investments, refunds an escrow, features a deal and reads the audit log', async ({ page }) => {
  const deal = await liveDeal('alpha', `Harbour Heat Pumps ${RUN}`, { minTicket: '100' });
  const admin = await token('alpha', 'admin@alpha.example');
  // A verified investor's investment waits for the wire; a brand-new investor's waits for KYC,
  // its money held in escrow.
  const payer = await verifiedInvestor('alpha', 'Vera', 'Verified');
  const paid = await must(api('alpha', 'POST', `/api/deals/${deal.id}/invest`, { token: payer.token, json: { amount: '1200', paymentMethod: 'wire' } }), 'invest');
  const newcomer = await accountWith('alpha', ['investor'], 'Nils', 'Newcomer');
  const held = await must(api('alpha', 'POST', `/api/deals/${deal.id}/invest`, { token: newcomer.token, json: { amount: '300', paymentMethod: 'wire' } }), 'invest');
  const second = await accountWith('alpha', ['investor'], 'Sana', 'Second');
  await must(api('alpha', 'POST', `/api/deals/${deal.id}/invest`, { token: second.token, json: { amount: '450', paymentMethod: 'wire' } }), 'invest');
  const paidId = paid.investment?.id ?? paid.id;
  const heldId = held.investment?.id ?? held.id;

  await logIn(page, 'alpha', 'admin@alpha.example');
  const nav = page.getByRole('navigation', { name: 'Administration' });

  // Investments: filtered to this deal by following the deal link, then confirm one and refund one.
  await nav.getByRole('link', { name: 'Investments' }).click();
  await page.getByRole('textbox', { name: 'Investor', exact: true }).fill(newcomer.email);
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('investment-row')).toHaveCount(1);
  await page.getByTestId('investment-row').getByRole('link', { name: deal.title }).click();
  await expect(page.getByTestId('investment-row')).toHaveCount(3);
  const payerRow = page.getByTestId('investment-row').filter({ hasText: payer.email });
  await payerRow.getByRole('button', { name: /^Confirm / }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Confirm received' }).click();
  await expect(payerRow).toContainText('Confirmed');
  const secondRow = page.getByTestId('investment-row').filter({ hasText: second.email });
  await secondRow.getByRole('button', { name: /^Refund / }).click();
  const refund = page.getByRole('dialog');
  await expect(refund.getByRole('button', { name: 'Refund' })).toBeDisabled();
  await refund.getByLabel('Reason').fill('The investor asked to withdraw before the wire.');
  await refund.getByRole('button', { name: 'Refund' }).click();
  await expect(secondRow).toContainText('Refunded');
  await expect(secondRow).toContainText('The investor asked to withdraw');
  const list = await must(api('alpha', 'GET', `/api/admin/investments?dealId=${deal.id}`, { token: admin }), 'list');
  expect(list.investments.find((i: any) => i.id === paidId).status).toBe('confirmed');
  expect(list.investments.find((i: any) => i.investor.id === second.id).status).toBe('refunded');

  // Escrow: the newcomer's money is held with days left to decide; refund it by hand.
  await nav.getByRole('link', { name: 'Escrow' }).click();
  const escrowRow = page.getByTestId('escrow-row').filter({ hasText: newcomer.email });
  await expect(escrowRow).toBeVisible();
  await expect(escrowRow.getByTestId('escrow-days-decide')).toContainText(/day|today/);
  await escrowRow.getByRole('button', { name: /^Refund / }).click();
  await page.getByRole('dialog').getByLabel('Reason').fill('KYC was never started; money goes back.');
  await page.getByRole('dialog').getByRole('button', { name: 'Refund' }).click();
  await expect(escrowRow).toHaveCount(0);
  await page.getByRole('navigation', { name: 'Escrow status' }).getByRole('link', { name: 'Refunded' }).click();
  const refundedEscrow = page.getByTestId('escrow-row').filter({ hasText: newcomer.email });
  await expect(refundedEscrow).toContainText('KYC was never started');
  await refundedEscrow.getByText(/^Movements/).click();
  await expect(refundedEscrow.getByTestId('escrow-movements')).toContainText(/Refund/i);
  const escrows = await must(api('alpha', 'GET', '/api/admin/escrow?status=refunded', { token: admin }), 'escrows');
  expect(escrows.escrows.some((e: any) => e.investmentId === heldId)).toBe(true);

  // Featuring from the admin deals list.
  await nav.getByRole('link', { name: 'Deal reviews' }).click();
  const published = page.getByTestId('published-deal').filter({ hasText: deal.title });
  await published.getByRole('button', { name: `Feature ${deal.title}` }).click();
  await expect(published.getByRole('button', { name: `Stop featuring ${deal.title}` })).toHaveAttribute('aria-pressed', 'true');
  const featured = await must(api('alpha', 'GET', '/api/deals/featured?limit=100', { token: admin }), 'featured');
  expect(featured.deals.some((d: any) => d.id === deal.id)).toBe(true);
  await published.getByRole('button', { name: `Stop featuring ${deal.title}` }).click();
  await expect(published.getByRole('button', { name: `Feature ${deal.title}` })).toHaveAttribute('aria-pressed', 'false');

  // Deal groups: create a campaign and put the deal in it; the deal page lists it.
  await nav.getByRole('link', { name: 'Deal groups' }).click();
  const newGroup = page.getByTestId('new-group');
  await newGroup.getByRole('button', { name: 'Create group' }).click();
  await expect(newGroup.getByText('Name is required')).toBeVisible();
  await newGroup.getByLabel('Name', { exact: true }).fill(`Warm Homes ${RUN}`);
  await newGroup.getByLabel('Web address').fill(`warm-homes-${RUN}`);
  await newGroup.getByRole('button', { name: 'Create group' }).click();
  const groupRow = page.getByTestId('group-row').filter({ hasText: `Warm Homes ${RUN}` });
  await groupRow.getByLabel(`Add a deal to Warm Homes ${RUN}`).selectOption({ label: deal.title });
  await groupRow.getByRole('button', { name: 'Add', exact: true }).click();
  await expect(groupRow.getByRole('link', { name: deal.title })).toBeVisible();
  await page.goto(`${origin('alpha')}/deals/${deal.slug}`);
  await expect(page.getByTestId('deal-groups')).toContainText(`Warm Homes ${RUN}`);
  await page.goto(`${origin('alpha')}/admin/audit`);

  // The audit log: the actions above, filtered; older pages; CSV.
  await page.getByRole('textbox', { name: 'Action', exact: true }).fill('investment.*');
  await page.getByRole('button', { name: 'Apply' }).click();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'investment.confirmed' }).first()).toBeVisible();
  await expect(page.getByTestId('audit-row').filter({ hasText: 'investment.refunded' }).first()).toBeVisible();
  const csv = await fetchInPage(page, (await page.getByTestId('audit-csv').getAttribute('href'))!);
  expect(csv.status).toBe(200);
  expect(csv.text).toContain('investment.refunded');
  await page.goto(`${origin('alpha')}/admin/audit`);
  await page.getByRole('link', { name: 'Older entries' }).click();
  await expect(page.getByTestId('audit-row').first()).toBeVisible();

  // A user's activity from the users list.
  await nav.getByRole('link', { name: 'Users' }).click();
  await page.getByRole('searchbox', { name: 'Search users' }).fill(newcomer.email);
  await page.getByRole('button', { name: 'Search' }).click();
  await page.getByRole('link', { name: `Activity of ${newcomer.email}` }).click();
  await expect(page).toHaveURL(new RegExp(`actorId=${newcomer.id}`));
  await expect(page.getByTestId('audit-row').first()).toBeVisible();
});

test('admin money pages are for tenant admins only', async ({ page }) => {
  await logIn(page, 'alpha', 'investor1@alpha.example');
  for (const path of ['/admin/investments', '/admin/escrow', '/admin/audit']) {
    await page.goto(`${origin('alpha')}${path}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Not found' }), path).toBeVisible();
  }
  const r = await api('alpha', 'GET', '/api/admin/investments', { token: await token('alpha', 'investor1@alpha.example') });
  expect(r.status).toBe(403);
});

test('admin pages: axe in light and dark, and 375 px without sideways scrolling', async ({ browser }) => {
  test.setTimeout(240_000);
  await showcaseDeal('alpha');
  await lookChecks(browser, 'alpha', 'admin@alpha.example', [
    { path: '/admin/investments', name: 'admin-investments' },
    { path: '/admin/escrow', name: 'admin-escrow' },
    { path: '/admin/escrow?status=refunded', name: 'admin-escrow-refunded' },
    { path: '/admin/audit', name: 'admin-audit' },
    { path: '/admin/deals', name: 'admin-deals' },
    { path: '/admin/groups', name: 'admin-groups' },
    { path: '/admin/users', name: 'admin-users' },
  ]);
});
