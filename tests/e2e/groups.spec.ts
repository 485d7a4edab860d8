import { expect, test, type Browser } from '@playwright/test';
import { accountWith, lookChecks } from './support/pages';
import { api, liveDeal, logIn, origin, RUN, token, type TenantSlug } from './support/platform';

// Investment groups on two tenants: an investor applies to the demo issuer's group, the issuer
// approves in the issuer area, and the member-only deal appears for the member, while it stays
// "not found" for everyone else and the group does not exist on the other tenant; the approval
// reaches the member as an in-app notification.

const GROUP: Record<TenantSlug, { slug: string; name: string }> = {
  alpha: { slug: 'alpha-circle', name: 'Alpha Founders Circle' },
  beta: { slug: 'beta-circle', name: 'Beta Neighbourhood Investors' },
};

async function memberOnlyDeal(t: TenantSlug) {
  const deal = await liveDeal(t, `${t === 'alpha' ? 'Vaulted Robotics' : 'Harbourside Sauna'} Members Round ${RUN}`);
  const issuer = await token(t, `issuer@${t}.example`);
  const r = await api(t, 'PUT', `/api/issuer/deals/${deal.id}/visibility`, { token: issuer, json: { visibility: 'group' } });
  expect(r.status).toBe(200);
  return deal;
}

async function approveInIssuerArea(browser: Browser, t: TenantSlug, applicantEmail: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await logIn(page, t, `issuer@${t}.example`);
  await page.getByRole('link', { name: 'My group' }).first().click();
  await expect(page.getByRole('heading', { level: 1, name: GROUP[t].name })).toBeVisible();
  const queue = page.getByTestId('group-applications');
  await expect(queue.getByText(applicantEmail)).toBeVisible();
  await queue.getByRole('button', { name: `Approve ${applicantEmail}` }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Approve' }).click();
  await expect(page.getByTestId('group-members').getByText(applicantEmail)).toBeVisible();
  await context.close();
}

for (const t of ['alpha', 'beta'] as const) {
  test(`${t}: apply to the group, get approved, see the member-only deal`, async ({ page, browser }) => {
    const deal = await memberOnlyDeal(t);
    const investor = await accountWith(t, ['investor'], 'Grace', `Member${RUN}`);
    await logIn(page, t, investor.email);

    // Before joining, the deal does not exist for this investor.
    await page.goto(`${origin(t)}/deals/${deal.slug}`);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();

    await page.goto(`${origin(t)}/groups`);
    await page.getByTestId('group-list').getByRole('link', { name: GROUP[t].name }).click();
    await expect(page.getByRole('heading', { level: 1, name: GROUP[t].name })).toBeVisible();
    const form = page.getByTestId('group-apply');
    await form.getByLabel('What is your investing experience?').fill('Ten years of angel investing in local companies.');
    await form.getByLabel(/How much do you intend to commit/).fill('2500');
    await form.getByRole('button', { name: 'Apply to join' }).click();
    await expect(page.getByText('Application sent')).toBeVisible();

    await approveInIssuerArea(browser, t, investor.email);
    // The decision reaches the member in-app (notify() in the approval's transaction, delivered by the platform's worker).
    await expect
      .poll(async () => ((await api(t, 'GET', '/api/notifications', { token: investor.token })).body?.notifications ?? []).map((n: { title: string }) => n.title), { timeout: 45_000 })
      .toContain(`Welcome to ${GROUP[t].name}`);

    await page.goto(`${origin(t)}/groups/${GROUP[t].slug}`);
    await page.getByTestId('group-deals').getByRole('link', { name: deal.title }).click();
    await expect(page.getByRole('heading', { level: 1, name: deal.title })).toBeVisible();
    await page.goto(`${origin(t)}/deals?search=${encodeURIComponent(deal.title)}`);
    await expect(page.getByRole('link', { name: deal.title }).first()).toBeVisible();

    // Another investor (not a member), and the other tenant, still see nothing of it.
    const outsider = await accountWith(t, ['investor'], 'Olive', `Outsider${RUN}`);
    expect((await api(t, 'GET', `/api/deals/${deal.id}`, { token: outsider.token })).status).toBe(404);
    const other: TenantSlug = t === 'alpha' ? 'beta' : 'alpha';
    await page.goto(`${origin(other)}/groups/${GROUP[t].slug}`);
    await expect(page.getByRole('heading', { name: 'Not found' })).toBeVisible();
  });
}

test('group pages: no serious axe violation in light and dark, and no sideways scrolling at 375 px', async ({ browser }) => {
  test.setTimeout(240_000);
  await lookChecks(browser, 'alpha', 'investor1@alpha.example', [
    { path: '/groups', name: 'groups' },
    { path: `/groups/${GROUP.alpha.slug}`, name: 'group-member-area' },
  ]);
  await lookChecks(browser, 'alpha', 'issuer@alpha.example', [{ path: '/issuer/group', name: 'issuer-group' }]);
});
