import { expect, test } from '@playwright/test';
import { must, upload } from './support/pages';
import { api, liveDeal, logIn, origin, PASSWORD, RUN, token } from './support/platform';

// Issue 20, what people see: investor1 of Alpha makes a referral link on /referrals and copies it;
// a friend follows it in their own browser (another device), lands on the link's page, signs up,
// passes KYC and invests; the admin confirms the investment. The referrer's dashboard then shows
// the click, the sign-up, the conversion and the pending reward by the tenant's rule (1% of
// 1,500.00 USD = 15.00); the admin approves it on /admin/referrals and the referrer sees it earned.
// No wallet is used.

const REFERRER = 'investor1@alpha.example';
const ADMIN = 'admin@alpha.example';
const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

test('a referred friend signs up and invests; the referrer sees the reward, the admin approves it', async ({ page, browser }) => {
  test.setTimeout(240_000);
  const adminToken = await token('alpha', ADMIN);
  await must(api('alpha', 'PATCH', '/api/admin/tenant', { token: adminToken, json: { features: { referrals: true } } }), 'referrals on');
  await must(api('alpha', 'PUT', '/api/admin/referrals/settings', { token: adminToken, json: { attributionWindowDays: 30, rewardKind: 'bps', rewardBps: 100, rewardCap: '50000', rewardScope: 'first' } }), 'reward rule');
  const deal = await liveDeal('alpha', `Referral Orchard ${RUN}`);

  // The referrer makes a link to the deals page.
  await logIn(page, 'alpha', REFERRER);
  await page.goto(`${origin('alpha')}/referrals`);
  await expect(page.getByRole('heading', { level: 1, name: 'Referrals' })).toBeVisible();
  const code = `e2e-${RUN}`;
  await page.getByLabel('Campaign').fill(`Orchard friends ${RUN}`);
  await page.getByLabel('Landing page on this platform').fill('/deals');
  await page.getByLabel('Code (optional)').fill(code);
  await page.getByRole('button', { name: 'Create link' }).click();
  await expect(page.getByText('Link created.')).toBeVisible();
  const row = page.getByTestId('referral-links').getByRole('row').filter({ hasText: `Orchard friends ${RUN}` });
  await expect(row.getByTestId('referral-link-url')).toHaveText(`${origin('alpha')}/r/${code}`);
  await expect(row.getByRole('button', { name: `Copy the link /r/${code}` })).toBeVisible();

  // An open redirect is refused where the referrer types it.
  await page.getByLabel('Campaign').fill('Elsewhere');
  await page.getByLabel('Landing page on this platform').fill('https://evil.example/');
  await page.getByLabel('Code (optional)').fill('');
  await page.getByRole('button', { name: 'Create link' }).click();
  await expect(page.getByLabel('Landing page on this platform')).toHaveAttribute('aria-invalid', 'true');

  // The friend, on their own device, follows the link and signs up.
  const friendContext = await browser.newContext({ userAgent: `Mozilla/5.0 (FriendPhone ${RUN}) e2e` });
  const friend = await friendContext.newPage();
  await friend.goto(`${origin('alpha')}/r/${code}`);
  await friend.waitForURL(`${origin('alpha')}/deals`);
  const cookies = await friendContext.cookies();
  expect(cookies.find((c) => c.name === 'cdp_ref')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  const email = `orchard.friend.${RUN}@example.org`;
  await friend.goto(`${origin('alpha')}/signup`);
  await friend.getByLabel('First name').fill('Olive');
  await friend.getByLabel('Last name').fill('Orchard');
  await friend.getByLabel('Email').fill(email);
  await friend.getByLabel('Password').fill(PASSWORD);
  await friend.getByRole('button', { name: 'Create account' }).click();
  await friend.waitForURL(/\/deals$/);
  expect((await friendContext.cookies()).find((c) => c.name === 'cdp_ref')).toBeUndefined();
  await friendContext.close();

  // The friend passes KYC and invests; the admin records the wire as received.
  const friendToken = await token('alpha', email);
  const kyc = await must(api('alpha', 'POST', '/api/investor/kyc/applications', { token: friendToken, json: {} }), 'start KYC');
  await must(upload('alpha', `/api/investor/kyc/applications/${kyc.application.id}/documents?kind=passport`, friendToken, PNG_1PX, 'image/png'), 'upload passport');
  await must(api('alpha', 'POST', `/api/compliance/kyc/applications/${kyc.application.id}/decision`, { token: adminToken, json: { decision: 'approve', reason: 'Passport checked (e2e)' } }), 'approve KYC');
  const inv = await must(api('alpha', 'POST', `/api/deals/${deal.id}/invest`, { token: friendToken, json: { amount: '1500', paymentMethod: 'wire' } }), 'invest');
  await must(api('alpha', 'POST', `/api/admin/investments/${inv.investment.id}/confirm`, { token: adminToken, json: { note: 'Wire received (e2e)' } }), 'confirm investment');

  // The referrer sees the click, the sign-up, the conversion and the pending reward.
  await page.reload();
  for (const figure of ['link-clicks', 'link-signups', 'link-conversions']) await expect(row.getByTestId(figure)).toHaveText(/^\D*1$/);
  const history = page.getByTestId('referral-transactions').getByRole('row').filter({ hasText: 'Olive O.' });
  await expect(history).toContainText('15.00 USD');
  await expect(history).toContainText('Pending approval');

  // The admin approves it on the admin page; the referrer then sees it earned.
  await page.context().clearCookies();
  await logIn(page, 'alpha', ADMIN);
  await page.goto(`${origin('alpha')}/admin/referrals`);
  const adminRow = page.getByTestId('admin-referral-transactions').getByRole('row').filter({ hasText: 'Olive O.' });
  await expect(adminRow).toContainText(REFERRER);
  await adminRow.getByRole('button', { name: 'Approve' }).click();
  await expect(adminRow).toContainText('earned');
  await expect(adminRow.getByRole('button', { name: 'Approve' })).toHaveCount(0);

  await page.context().clearCookies();
  await logIn(page, 'alpha', REFERRER);
  await page.goto(`${origin('alpha')}/referrals`);
  await expect(page.getByTestId('referral-transactions').getByRole('row').filter({ hasText: 'Olive O.' })).toContainText('Earned');
});
