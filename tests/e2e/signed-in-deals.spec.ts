import http from 'node:http';
import { expect, test } from '@playwright/test';
import { accountWith } from './support/pages';
import { api, liveDeal, logIn, origin, PORT, RUN, token } from './support/platform';

// The signed-in deals page is rendered once a second per view and shared (src/server/http/page-cache.ts):
// whoever sees the same deals gets the same rendering with their own name written in. These
// requests go through the production server with the page cache, one right after the other, so
// they hit the cache: a member of the issuer's group gets its member-only deal, a non-member
// asking right after never does, and nobody gets another visitor's name or email.

type Page = { status: number; cache: string | undefined; body: string };
function page(path: string, accessToken: string): Promise<Page> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: PORT, path, headers: { host: `alpha.localhost:${PORT}`, cookie: `theme=dark; cdp_at=${accessToken}`, 'user-agent': 'Mozilla/5.0 (X11; Linux x86_64) e2e' } }, (res) => {
        let body = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, cache: res.headers['x-cdp-page-cache'] as string | undefined, body }));
      })
      .on('error', reject);
  });
}

test('signed in: the shared deals page never shows a non-member the member-only deal, nor anyone another user’s name', async () => {
  test.setTimeout(120_000);
  const deal = await liveDeal('alpha', `Cached Members Round ${RUN}`);
  const issuer = await token('alpha', 'issuer@alpha.example');
  expect((await api('alpha', 'PUT', `/api/issuer/deals/${deal.id}/visibility`, { token: issuer, json: { visibility: 'group' } })).status).toBe(200);
  const member = await accountWith('alpha', ['investor'], 'Mira', `Member${RUN}`);
  const invitation = await api('alpha', 'POST', '/api/issuer/groups/invitations', { token: issuer, json: {} });
  expect(invitation.status).toBe(201);
  expect((await api('alpha', 'POST', '/api/groups/invitations/accept', { token: member.token, json: { token: invitation.body.token, intendedCommitment: '2500' } })).status).toBeLessThan(300);
  // Two non-members with the same view; one name with characters HTML and JSON escape.
  const outsiderA = await accountWith('alpha', ['investor'], 'Otto', `Outsider${RUN}`);
  const outsiderB = await accountWith('alpha', ['investor'], `Zoë "Q" & Co`, `O'Brien${RUN}`);

  const path = `/deals?search=${encodeURIComponent(deal.title)}`;
  const seen: Record<string, Page[]> = { member: [], a: [], b: [] };
  for (let round = 0; round < 4; round++) {
    // Member first each round, so a non-member always asks while the member's rendering is fresh.
    const [m, a, b] = await Promise.all([page(path, member.token), page(path, outsiderA.token), page(path, outsiderB.token)]);
    seen.member!.push(m);
    seen.a!.push(a);
    seen.b!.push(b);
  }
  for (const p of [...seen.member!, ...seen.a!, ...seen.b!]) expect(p.status).toBe(200);
  // The pages were served from the signed-in cache (rendered at most once per view and second).
  expect([...seen.a!, ...seen.b!].map((p) => p.cache).filter((c) => c === 'signed-hit' || c === 'signed-shared').length).toBeGreaterThan(0);
  // The card is its link (the title alone also stands in the search box of every visitor's page).
  const card = `href="/deals/${deal.slug}"`;
  for (const m of seen.member!) {
    expect(m.body).toContain(card);
    expect(m.body).toContain(member.email);
  }
  for (const [who, account, others] of [
    ['a', outsiderA, [member, outsiderB]],
    ['b', outsiderB, [member, outsiderA]],
  ] as const) {
    for (const p of seen[who]!) {
      expect(p.body, 'a non-member never receives the member-only card').not.toContain(card);
      expect(p.body).not.toContain(deal.slug); // nor its data in the RSC payload
      expect(p.body).toContain(account.email);
      for (const o of others) expect(p.body).not.toContain(o.email);
      expect(p.body).not.toMatch(/[\uE000-\uE002]/);
    }
  }
  expect(seen.b![0]!.body).toContain('Account menu for Zoë &quot;Q&quot; &amp; Co O&#x27;Brien');
  expect(seen.a![0]!.body).toContain(`Account menu for Otto Outsider${RUN}`);
});

test('signed in: a page filled in from the shared rendering hydrates and names its user', async ({ page }) => {
  const user = await accountWith('alpha', ['investor'], `Zoë "Q" & Co`, `Hydrate${RUN}`);
  const errors: string[] = [];
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  page.on('pageerror', (e) => errors.push(e.message));
  await logIn(page, 'alpha', user.email);
  // A second load comes from the cache (the login's own landing rendered it).
  await page.goto(`${origin('alpha')}/deals`);
  await page.goto(`${origin('alpha')}/deals`);
  const menu = page.getByRole('button', { name: `Account menu for Zoë "Q" & Co Hydrate${RUN}` });
  await expect(menu).toBeVisible();
  await expect(menu).toContainText('Z');
  await menu.click();
  await expect(page.getByRole('menu').getByText(user.email)).toBeVisible();
  await expect(page.getByRole('menu').getByText(`Zoë "Q" & Co Hydrate${RUN}`)).toBeVisible();
  expect(errors.filter((e) => /hydrat|did not match/i.test(e))).toEqual([]);
});
