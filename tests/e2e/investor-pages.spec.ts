import { createHash } from 'node:crypto';
import http from 'node:http';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { FAKE_SHUFTI } from './support/fake-sumsub';
import { accountWith, fetchInPage, lookChecks, must } from './support/pages';
import { api, logIn, origin, PORT, RUN, type TenantSlug } from './support/platform';

// Issue 15: the investor's pages. Their own documents (/documents over /api/investor/documents)
// and ShuftiPro verification: /verification sends them to the provider's hosted page (the local
// fake, which sends them straight back), /verification/return polls until the signed callback
// has decided.

const PDF = Buffer.from(`%PDF-1.7\n% proof of funds ${RUN}\n%%EOF\n`);
const ownerUrl = () => `postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT ?? '54339'}/community_deals`;

/** Switches a tenant's identity provider with the owner's connection (the platform operator's job). */
async function setProvider(t: TenantSlug, provider: 'manual' | 'shuftipro') {
  const db = new pg.Client({ connectionString: ownerUrl() });
  await db.connect();
  try {
    await db.query('update tenants set kyc_provider = $1 where slug = $2', [provider, t]);
  } finally {
    await db.end();
  }
}

/** A callback exactly as ShuftiPro signs it: sha256(body + sha256(secret)). */
function shuftiCallback(t: TenantSlug, reference: string, event: string): Promise<{ status: number; body: any }> {
  const body = JSON.stringify({ reference, event });
  const signature = createHash('sha256').update(body + createHash('sha256').update(FAKE_SHUFTI.secretKey).digest('hex')).digest('hex');
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: PORT, method: 'POST', path: '/api/webhooks/kyc/shuftipro', headers: { host: `${t}.localhost:${PORT}`, 'content-type': 'application/json', signature, 'content-length': Buffer.byteLength(body) } },
      (res) => {
        let text = '';
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? JSON.parse(text) : null }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

test('an investor uploads a document on their documents page and opens it', async ({ page }) => {
  const me = await accountWith('alpha', ['investor'], 'Dora', 'Documents');
  await logIn(page, 'alpha', me.email);
  await page.goto(`${origin('alpha')}/profile`);
  await page.getByRole('link', { name: 'Your documents' }).click();
  await expect(page.getByRole('heading', { level: 1, name: 'Your documents' })).toBeVisible();
  await expect(page.getByText('No documents yet')).toBeVisible();

  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByText('Choose a file to upload')).toBeVisible();
  await page.getByLabel('Kind').selectOption('proof_of_funds');
  await page.getByLabel('Title (optional)').fill('Bank statement, March');
  await page.getByLabel('File', { exact: true }).setInputFiles({ name: 'statement.pdf', mimeType: 'application/pdf', buffer: PDF });
  await page.getByRole('button', { name: 'Upload' }).click();
  await expect(page.getByText('Document uploaded.')).toBeVisible();
  const link = page.getByTestId('investor-documents').getByRole('link', { name: 'Bank statement, March' });
  await expect(link).toBeVisible();
  const file = await fetchInPage(page, (await link.getAttribute('href'))!);
  expect(file.status).toBe(200);
  expect(file.text).toContain(`proof of funds ${RUN}`);
  const listed = await must(api('alpha', 'GET', '/api/investor/documents', { token: me.token }), 'list');
  expect(listed.documents.map((d: any) => d.kind)).toEqual(['proof_of_funds']);
});

test('a ShuftiPro tenant sends the investor to the provider and back to a status page that follows the decision', async ({ page }) => {
  await setProvider('beta', 'shuftipro');
  try {
    const me = await accountWith('beta', ['investor'], 'Sven', 'Shufti');
    await logIn(page, 'beta', me.email);
    await page.goto(`${origin('beta')}/verification`);
    await expect(page.getByText(/Checked by Shufti/i)).toBeVisible();
    await page.getByRole('button', { name: 'Start identity verification' }).click();
    // The fake's hosted page sends the browser straight back to the redirect_url we gave it.
    await page.waitForURL(`${origin('beta')}/verification/return`);
    await expect(page.getByRole('heading', { level: 1, name: 'Verification status' })).toBeVisible();
    await expect(page.getByText('Waiting for the provider’s result…')).toBeVisible();

    const kyc = await must(api('beta', 'GET', '/api/investor/kyc', { token: me.token }), 'kyc');
    const reference = kyc.applications[0].id as string;
    expect(kyc.applications[0].verificationUrl).toMatch(/\/verify\//);
    // Back on /verification before the decision: the way to continue on the provider's page.
    const resume = await page.context().newPage();
    await resume.goto(`${origin('beta')}/verification`);
    await expect(resume.getByRole('link', { name: 'Continue your verification with ShuftiPro' })).toHaveAttribute('href', kyc.applications[0].verificationUrl);
    await resume.close();

    expect((await shuftiCallback('beta', reference, 'verification.accepted')).body.outcome).toBe('applied');
    await expect(page.getByTestId('kyc-return-status')).toContainText('Approved');
    await expect(page.getByText('You are verified.')).toBeVisible();
  } finally {
    await setProvider('beta', 'manual');
  }
});

test('investor pages: axe in light and dark, and 375 px without sideways scrolling', async ({ browser }) => {
  test.setTimeout(240_000);
  const me = await accountWith('alpha', ['investor'], 'Lara', 'Looks');
  await lookChecks(browser, 'alpha', me.email, [
    { path: '/documents', name: 'investor-documents' },
    { path: '/verification/return', name: 'verification-return' },
    { path: '/profile', name: 'profile' },
  ]);
});
