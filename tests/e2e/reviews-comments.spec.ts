import { expect, test, type Locator, type Page } from '@playwright/test';
import { scan } from './support/axe';
import { confirmedInvestor } from './support/investors';
import { api, liveDeal, logIn, origin, RUN, token } from './support/platform';

const o = origin('alpha');

/** Signs out, signs in as `email` and opens the deal page. */
async function openAs(page: Page, email: string, slug: string) {
  await page.goto(`${o}/logout`);
  await page.waitForURL(/\/login$/);
  await logIn(page, 'alpha', email);
  await page.goto(`${o}/deals/${slug}`);
}

/** Clicks a comment's delete/remove control, then the confirmation's button. */
async function confirmDelete(comment: Locator, verb: 'Delete' | 'Remove') {
  await comment.getByRole('button', { name: `${verb} comment` }).click();
  await comment.getByRole('button', { name: `Yes, ${verb.toLowerCase()}` }).click();
}

test('an investor with a confirmed investment reviews a deal with the keyboard, edits and deletes the review; everyone sees the list and average', async ({ page }) => {
  const deal = await liveDeal('alpha', `Lakeside Bakery Co-op ${RUN}`);
  const [rosa, theo] = await Promise.all([confirmedInvestor('alpha', deal.id, 'Rosa', 'Reviewer'), confirmedInvestor('alpha', deal.id, 'Theo', 'Rater')]);
  expect((await api('alpha', 'POST', `/api/deals/${deal.id}/reviews`, { token: theo.token, json: { rating: 2, body: 'Slow to start.' } })).status).toBe(201);

  // Anyone sees the reviews and the average; nobody who has not invested gets a form.
  await page.goto(`${o}/deals/${deal.slug}`);
  const reviews = page.getByRole('region', { name: 'Investor reviews' });
  await expect(reviews.getByTestId('review-summary')).toContainText('2.0 out of 5 from 1 investor review');
  await expect(reviews.getByTestId('review').filter({ hasText: 'Slow to start.' })).toContainText('Theo R.');
  await expect(reviews.getByRole('img', { name: 'Rated 2 out of 5' })).toBeVisible();
  await expect(reviews.getByRole('group', { name: 'Your rating' })).toHaveCount(0);

  await logIn(page, 'alpha', rosa.email);
  await page.goto(`${o}/deals/${deal.slug}`);
  const rating = reviews.getByRole('group', { name: 'Your rating' });
  await expect(rating).toBeVisible();

  // No rating chosen: the error names it.
  await reviews.getByRole('button', { name: 'Post review' }).click();
  await expect(reviews.getByText('Choose a rating from 1 to 5 stars')).toBeVisible();

  // Keyboard only: Space picks one star, arrow keys move along the stars.
  await rating.getByRole('radio', { name: '1 star', exact: true }).focus();
  await page.keyboard.press('Space');
  await expect(rating.getByRole('radio', { name: '1 star', exact: true })).toBeChecked();
  for (let i = 0; i < 3; i++) await page.keyboard.press('ArrowRight');
  await expect(rating.getByRole('radio', { name: '4 stars' })).toBeChecked();
  await reviews.getByLabel(/Your review/).fill('Bread every morning and a clear budget.');
  await reviews.getByRole('button', { name: 'Post review' }).click();

  const mine = reviews.getByTestId('review').filter({ hasText: 'Your review' });
  await expect(mine).toContainText('Bread every morning and a clear budget.');
  await expect(mine.getByRole('img', { name: 'Rated 4 out of 5' })).toBeVisible();
  await expect(reviews.getByTestId('review-summary')).toContainText('3.0 out of 5 from 2 investor reviews');
  await page.mouse.move(0, 0);
  await scan(page, 'deal page with own review');

  // Edit: the form comes back filled in; one more star.
  await reviews.getByRole('button', { name: 'Edit your review' }).click();
  await expect(reviews.getByRole('radio', { name: '4 stars' })).toBeChecked();
  await reviews.getByRole('radio', { name: '4 stars' }).focus();
  await page.keyboard.press('ArrowRight');
  await reviews.getByRole('button', { name: 'Save changes' }).click();
  await expect(mine.getByRole('img', { name: 'Rated 5 out of 5' })).toBeVisible();
  await expect(reviews.getByTestId('review-summary')).toContainText('3.5 out of 5 from 2 investor reviews');

  // Delete, with a confirmation step that takes the focus.
  await reviews.getByRole('button', { name: 'Delete your review' }).click();
  const confirm = reviews.getByRole('button', { name: 'Yes, delete review' });
  await expect(confirm).toBeFocused();
  await page.mouse.move(0, 0);
  await scan(page, 'deal page, delete review confirmation');
  await confirm.click();
  await expect(mine).toHaveCount(0);
  await expect(reviews.getByTestId('review-summary')).toContainText('2.0 out of 5 from 1 investor review');
  await expect(reviews.getByRole('group', { name: 'Your rating' })).toBeVisible();

  // It stays gone after a reload (the server's data, not local state).
  await page.reload();
  await expect(reviews.getByTestId('review')).toHaveCount(1);
});

test("comment authors delete their own comments; the deal's issuer and the admin remove others' after a confirmation, audited", async ({ page }) => {
  const deal = await liveDeal('alpha', `Old Mill Cinema ${RUN}`);
  const [investor, issuer, admin] = await Promise.all([token('alpha', 'investor2@alpha.example'), token('alpha', 'issuer@alpha.example'), token('alpha', 'admin@alpha.example')]);
  const post = async (bearer: string, body: string) => {
    const r = await api('alpha', 'POST', `/api/deals/${deal.id}/comments`, { token: bearer, json: { body } });
    expect(r.status).toBe(201);
    return r.body.id as string;
  };
  const ownText = `Will there be a members' night? ${RUN}`;
  const spamText = `Cheap tickets at spam.example ${RUN}`;
  const issuerText = `Doors open at seven. ${RUN}`;
  await post(investor, ownText);
  const spamId = await post(investor, spamText);
  const issuerId = await post(issuer, issuerText);
  const comments = page.getByTestId('comment');
  const deleted = comments.filter({ hasText: '[deleted]' });

  // The author: a delete control on their own comments only.
  await logIn(page, 'alpha', 'investor2@alpha.example');
  await page.goto(`${o}/deals/${deal.slug}`);
  await expect(comments.filter({ hasText: issuerText }).getByRole('button', { name: /comment$/ })).toHaveCount(0);
  await confirmDelete(comments.filter({ hasText: ownText }), 'Delete');
  await expect(comments.filter({ hasText: ownText })).toHaveCount(0);
  await expect(deleted).toHaveCount(1);

  // The deal's issuer moderates: remove, with a confirmation that can be cancelled.
  await openAs(page, 'issuer@alpha.example', deal.slug);
  const spam = comments.filter({ hasText: spamText });
  await spam.getByRole('button', { name: 'Remove comment' }).click();
  await expect(spam.getByRole('button', { name: 'Yes, remove' })).toBeFocused();
  await expect(spam.getByText('Remove this comment for everyone?')).toBeVisible();
  await page.mouse.move(0, 0);
  await scan(page, 'deal page, comment removal confirmation');
  await spam.getByRole('button', { name: 'Cancel' }).click();
  await expect(spam.getByRole('button', { name: 'Remove comment' })).toBeFocused();
  await confirmDelete(spam, 'Remove');
  await expect(comments.filter({ hasText: spamText })).toHaveCount(0);
  await expect(deleted).toHaveCount(2);

  // A tenant admin removes any comment, the issuer's included.
  await openAs(page, 'admin@alpha.example', deal.slug);
  await confirmDelete(comments.filter({ hasText: issuerText }), 'Remove');
  await expect(deleted).toHaveCount(3);

  const log = async (action: string) => (await api('alpha', 'GET', `/api/admin/audit-logs?action=${action}&limit=200`, { token: admin })).body.entries.map((e: any) => e.targetId);
  expect(await log('deal.comment_removed_by_issuer')).toContain(spamId);
  expect(await log('deal.comment_removed_by_admin')).toContain(issuerId);
});
