import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { scan } from './support/axe';
import { logIn, origin, RUN } from './support/platform';

// Issue 20, what people see: a reader subscribes on Alpha's public form and confirms the mailed
// link (double opt-in); the admin writes a campaign at /admin/newsletter, previews it in the
// tenant's branding and sends it; the campaign arrives in the dev inbox (DATA_DIR/mail) with
// the RFC 8058 headers, its link goes through the signed /c/ redirect, and the admin's
// statistics count the click. No wallet is used.

const MAIL_DIR = path.resolve(process.env.E2E_DATA_DIR ?? './data/e2e', 'mail');
const READER = `reader-${RUN}@news.example`;
const SUBJECT = `Alpha letter ${RUN}`;

/** The newest dev-inbox mail to `to` whose text matches, waiting for the mailer to write it. */
async function mailTo(to: string, match: RegExp): Promise<string> {
  let found: string | undefined;
  await expect
    .poll(
      () => {
        const files = readdirSync(MAIL_DIR).filter((f) => f.endsWith('.txt')).sort();
        found = files.map((f) => readFileSync(path.join(MAIL_DIR, f), 'utf8')).reverse().find((m) => m.includes(`To: ${to}\n`) && match.test(m));
        return Boolean(found);
      },
      { timeout: 90_000, intervals: [1000] },
    )
    .toBe(true);
  return found!;
}

async function confirmSubscription(page: Page) {
  await page.goto(`${origin('alpha')}/newsletter`);
  await expect(page).toHaveTitle(/Newsletter/);
  await page.getByLabel('Email address').fill(READER);
  await page.getByRole('button', { name: 'Subscribe' }).click();
  await expect(page.getByRole('heading', { name: 'Check your email' })).toBeVisible();
  const confirmation = await mailTo(READER, /newsletter\/confirm\?token=/);
  const link = /(http:\/\/\S+\/newsletter\/confirm\?token=\S+)/.exec(confirmation)![1]!;
  await page.goto(link);
  await page.getByRole('button', { name: 'Confirm my subscription' }).click();
  await expect(page.getByText('Your subscription is confirmed.')).toBeVisible();
}

test('an admin writes and sends a campaign; the dev inbox receives it, its tracked link redirects and is counted', async ({ page, browser }) => {
  test.setTimeout(240_000);
  await confirmSubscription(page);

  // A page of its own context: axe refuses pages made with browser.newPage().
  const admin = await (await browser.newContext()).newPage();
  await logIn(admin, 'alpha', 'admin@alpha.example');
  await admin.goto(`${origin('alpha')}/admin/newsletter`);
  await expect(admin.getByRole('heading', { name: 'Newsletter', level: 2 })).toBeVisible();
  await admin.getByLabel('Subject').fill(SUBJECT);
  await admin.getByLabel('Body').fill(`Hello **readers**.\n\nSee [the open deals](${origin('alpha')}/deals).`);
  // Scanned before the preview opens: the preview is a sandboxed, script-less frame axe cannot enter.
  await scan(admin, 'admin newsletter');
  await admin.getByRole('button', { name: 'Preview' }).click();
  const frame = admin.frameLocator('iframe[title^="Preview of"]');
  await expect(frame.getByText('the open deals')).toBeVisible();
  await admin.getByRole('button', { name: 'Save as draft' }).click();
  await expect(admin.getByText(`Draft “${SUBJECT}” saved.`)).toBeVisible();
  const card = admin.getByRole('listitem').filter({ hasText: SUBJECT });
  await card.getByRole('button', { name: 'Send now' }).click();
  await expect(admin.getByText(new RegExp(`“${SUBJECT}” is being sent to \\d+ subscriber`))).toBeVisible();

  const mail = await mailTo(READER, new RegExp(SUBJECT));
  expect(mail).toContain('List-Unsubscribe-Post: List-Unsubscribe=One-Click');
  expect(mail).toMatch(/List-Unsubscribe: <http:\/\/alpha\.localhost:\d+\/api\/newsletter\/unsubscribe\?token=[0-9a-f.-]+>/);
  const tracked = /(http:\/\/alpha\.localhost:\d+\/c\/[0-9a-f.-]+)/.exec(mail)![1]!;
  await page.goto(tracked);
  await expect(page).toHaveURL(`${origin('alpha')}/deals`);
  // An altered link leads nowhere.
  const bad = await page.goto(tracked.replace(/.$/, (c) => (c === '0' ? '1' : '0')));
  expect(bad!.status()).toBe(400);
  await expect(page.getByRole('heading', { name: 'This link is not valid' })).toBeVisible();

  await card.getByRole('button', { name: 'Refresh statistics' }).click();
  const stats = card.getByRole('definition');
  await expect(card.getByText('Unique clicks')).toBeVisible();
  await expect(stats.nth(2)).toHaveText('1');

  // The footer's link asks first, then unsubscribes.
  const unsubscribe = /(http:\/\/alpha\.localhost:\d+\/newsletter\/unsubscribe\?token=[0-9a-f.-]+)/.exec(mail)![1]!;
  await page.goto(unsubscribe);
  await page.getByRole('button', { name: 'Unsubscribe' }).click();
  await expect(page.getByText('You are unsubscribed')).toBeVisible();
});
