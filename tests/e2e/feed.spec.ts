import { expect, test, type Browser, type Page } from '@playwright/test';
import { accountWith, must, RUN_LETTERS } from './support/pages';
import { api, closeLiveStream, logIn, origin, RUN, token } from './support/platform';

// Issue 20, what people see: on Alpha (the demo tenant with the community feed on) a member posts
// from the composer, another member comments on it and reports it, a compliance officer hides it
// from the moderation queue with a reason, and the author then sees it hidden and why while the
// other member no longer sees it. No browser wallet is used (no anvil account index taken).

async function signedIn(browser: Browser, email: string): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await closeLiveStream(page);
  await logIn(page, 'alpha', email);
  return page;
}

test('a member posts, another comments and reports it, a moderator hides it and the author sees why', async ({ browser }) => {
  test.setTimeout(240_000);
  const adminToken = await token('alpha', 'admin@alpha.example');
  await must(api('alpha', 'PATCH', '/api/admin/tenant', { token: adminToken, json: { features: { socialFeatures: true } } }), 'socialFeatures on');
  const author = await accountWith('alpha', ['investor'], 'Paula', `Poster${RUN_LETTERS}`);
  const commenter = await accountWith('alpha', ['investor'], 'Carl', `Commenter${RUN_LETTERS}`);
  const moderator = await accountWith('alpha', ['compliance_officer'], 'Mona', `Moderator${RUN_LETTERS}`);
  const text = `Anyone else looking at the harbour deal? ${RUN}`;
  const reason = `Please keep deal talk factual ${RUN}`;

  // The author posts from the composer, reached through the header's Community link.
  const a = await signedIn(browser, author.email);
  await a.goto(`${origin('alpha')}/deals`);
  await a.getByRole('link', { name: 'Community' }).first().click();
  await expect(a.getByRole('heading', { level: 1, name: 'Community' })).toBeVisible();
  await expect(a).toHaveTitle(/Community/);
  await a.getByLabel('Share something with the community').fill(text);
  await a.getByRole('button', { name: 'Post', exact: true }).click();
  const mine = a.getByTestId('feed-post').filter({ hasText: text });
  await expect(mine).toBeVisible();

  // Another member finds it, comments and reports it.
  const c = await signedIn(browser, commenter.email);
  await c.goto(`${origin('alpha')}/feed`);
  const card = c.getByTestId('feed-post').filter({ hasText: text });
  await expect(card).toBeVisible();
  await card.getByRole('link', { name: '0 comments' }).click();
  await expect(c.getByRole('heading', { level: 1 })).toHaveText(`Post by Paula ${'P'}.`);
  await c.getByLabel('Your comment').fill(`Yes, reading the term sheet now ${RUN}`);
  await c.getByRole('button', { name: 'Post comment' }).click();
  await expect(c.getByTestId('feed-comment').filter({ hasText: `Yes, reading the term sheet now ${RUN}` })).toBeVisible();
  await c.getByRole('button', { name: 'Report' }).click();
  await c.getByLabel('What is wrong with this post?').fill('Reads like a solicitation');
  await c.getByRole('button', { name: 'Send report' }).click();
  await expect(c.getByLabel('What is wrong with this post?')).toHaveCount(0);

  // The moderator hides it from the queue, with the reason the author will read.
  const m = await signedIn(browser, moderator.email);
  await m.goto(`${origin('alpha')}/admin/moderation`);
  await expect(m).toHaveTitle(/Moderation/);
  const item = m.getByTestId('feed-post').filter({ hasText: text });
  await expect(item).toBeVisible();
  await expect(m.getByText('Reads like a solicitation')).toBeVisible();
  await item.getByLabel('Decision').selectOption('hide');
  await item.getByLabel('Reason (shown to the author)').fill(reason);
  await item.getByRole('button', { name: 'Apply' }).click();
  await expect(m.getByTestId('feed-post').filter({ hasText: text })).toHaveCount(0);

  // The author sees it hidden, and why; the other member no longer sees it.
  await a.reload();
  const hidden = a.getByTestId('feed-post').filter({ hasText: text });
  await expect(hidden.getByText('This post was hidden by a moderator')).toBeVisible();
  await expect(hidden.getByTestId('moderation-reason')).toHaveText(`Reason: ${reason}`);
  await c.goto(`${origin('alpha')}/feed`);
  await expect(c.getByRole('heading', { level: 1, name: 'Community' })).toBeVisible();
  await expect(c.getByTestId('feed-post').filter({ hasText: text })).toHaveCount(0);

  // At 375 px the feed does not scroll sideways.
  await a.setViewportSize({ width: 375, height: 800 });
  await a.goto(`${origin('alpha')}/feed`);
  await a.waitForLoadState('networkidle');
  expect(await a.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
});
