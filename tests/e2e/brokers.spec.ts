import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';
import { formatMoney } from '../../src/ui/format';
import { must, verifiedInvestor } from './support/pages';
import { api, liveDeal, logIn, origin, RUN, token } from './support/platform';

// Issue 20, what people see: the demo broker of Alpha invites a verified investor from the
// dashboard; once the investor accepts and their wire investment is confirmed, the broker sees it
// attributed to them with its commission, and in the month's statement. The demo transfer agent
// opens the deal's holder register and exports it as CSV. No wallet is used.

const BROKER = 'broker@alpha.example';
const REGISTRAR = 'registrar@alpha.example';

test('a broker sees a client’s attributed investment and its statement; a transfer agent exports the cap table', async ({ page }) => {
  test.setTimeout(180_000);
  const deal = await liveDeal('alpha', `Harbour Brokered Notes ${RUN}`, { minTicket: '100' });
  const client = await verifiedInvestor('alpha', 'Bella', 'Brokered');

  // The broker invites the investor from the dashboard.
  await logIn(page, 'alpha', BROKER);
  await page.goto(`${origin('alpha')}/broker`);
  await expect(page.getByRole('heading', { name: 'Broker', level: 1 })).toBeVisible();
  await page.getByLabel('Investor’s email').fill(client.email);
  await page.getByRole('button', { name: 'Invite' }).click();
  await expect(page.getByText('Invitation sent')).toBeVisible();

  // The investor accepts; the wire arrives and the admin confirms it.
  const rel = await must(api('alpha', 'GET', '/api/broker-relationship', { token: client.token }), 'relationship');
  const invitation = rel.invitations.find((i: { status: string }) => i.status === 'pending');
  await must(api('alpha', 'POST', `/api/broker-invitations/${invitation.id}/accept`, { token: client.token }), 'accept');
  const inv = await must(api('alpha', 'POST', `/api/deals/${deal.id}/invest`, { token: client.token, json: { amount: '1200', paymentMethod: 'wire' } }), 'invest');
  const admin = await token('alpha', 'admin@alpha.example');
  await must(api('alpha', 'POST', `/api/admin/investments/${inv.investment.id}/confirm`, { token: admin, json: {} }), 'confirm');

  await page.reload();
  const clients = page.getByRole('region', { name: 'Clients' });
  await expect(clients.getByText(client.email)).toBeVisible();
  const attributed = page.getByRole('region', { name: 'Attributed investments' }).getByRole('row').filter({ hasText: deal.title });
  await expect(attributed).toContainText(client.email);
  await expect(attributed).toContainText('$1,200');
  await expect(attributed).toContainText('1.50%');
  await expect(attributed).toContainText('$18');
  const statement = page.getByRole('region', { name: 'Commission statement' });
  await expect(statement.getByRole('row').filter({ hasText: deal.title })).toContainText('$18');
  const own = await must(api('alpha', 'GET', `/api/broker/statements?period=${new Date().toISOString().slice(0, 7)}`, { token: await token('alpha', BROKER) }), 'statement');
  const net = own.statement.totals.find((t: { currency: string }) => t.currency === 'USD').net as string;
  await expect(statement.getByTestId('statement-total')).toContainText(`net ${formatMoney(net, 'USD')}`);

  // The transfer agent opens the deal's register and exports it.
  await page.context().clearCookies();
  await logIn(page, 'alpha', REGISTRAR);
  await page.goto(`${origin('alpha')}/transfer-agent`);
  await page.getByRole('link', { name: deal.title }).click();
  await expect(page.getByRole('heading', { name: deal.title, level: 1 })).toBeVisible();
  await expect(page.getByTestId('register-held')).toHaveText('$1,200');
  await expect(page.getByRole('region', { name: 'Holders' })).toContainText(client.email);
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Export CSV' }).click()]);
  expect(download.suggestedFilename()).toMatch(/^cap-table-.*\.csv$/);
  const csv = await readFile((await download.path())!, 'utf8');
  expect(csv).toContain(`${client.email},1200.00,USD,100.00`);
  expect(csv).toContain('1200.00,1200.00,1,not_on_chain');
});
