import http from 'node:http';
import { expect, test } from '@playwright/test';
import pg from 'pg';
import { scan } from './support/axe';
import { api, logIn, origin, PASSWORD, PORT, RUN, type TenantSlug } from './support/platform';

// Sumsub's WebSDK on /verification, against the local fake provider scripts/e2e.ts starts
// (E2E_SUMSUB_URL): the SDK's iframe can only load the fake's (missing) page, so the test
// checks what is ours: the policy that lets the frame in for a Sumsub tenant only, the
// access-token requests (start, resume, expiry) and the container the SDK fills.

const FAKE = process.env.E2E_SUMSUB_URL ?? '';
const ownerUrl = () => `postgres://postgres:postgres@127.0.0.1:${process.env.E2E_PG_PORT ?? '54339'}/community_deals`;

/** The page CSP the proxy sends for a path on a tenant's host (signed out: the redirect's own header). */
function cspOf(t: TenantSlug, path: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get({ host: '127.0.0.1', port: PORT, path, headers: { host: `${t}.localhost:${PORT}` } }, (res) => {
        res.resume();
        resolve(String(res.headers['content-security-policy'] ?? ''));
      })
      .on('error', reject);
  });
}

/** Switches beta's identity provider with the owner's connection (tenants are set up by the platform operator). */
async function setBetaProvider(provider: 'manual' | 'sumsub') {
  const db = new pg.Client({ connectionString: ownerUrl() });
  await db.connect();
  try {
    await db.query('update tenants set kyc_provider = $1 where slug = $2', [provider, 'beta']);
  } finally {
    await db.end();
  }
}

test("a Sumsub tenant's investor gets the WebSDK on /verification with tokens from our API; the frame policy opens for that tenant and page only", async ({ page }) => {
  expect(FAKE, 'scripts/e2e.ts starts the fake Sumsub and sets E2E_SUMSUB_URL').toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  const email = `sumi.${RUN}@example.org`;
  expect((await api('beta', 'POST', '/api/auth/register', { json: { email, password: PASSWORD, firstName: 'Sumi', lastName: 'Sumsub' } })).status).toBeLessThan(300);
  await setBetaProvider('sumsub');
  try {
    await logIn(page, 'beta', email);
    // The tenant cache lets a provider change through within seconds; wait for it.
    let csp = '';
    await expect(async () => {
      const r = await page.goto(`${origin('beta')}/verification`);
      csp = r?.headers()['content-security-policy'] ?? '';
      expect(csp).toContain(`frame-src 'self' ${FAKE}`);
      await expect(page.getByTestId('sumsub-websdk')).toBeAttached({ timeout: 1000 });
    }).toPass({ timeout: 45_000, intervals: [1000, 2000, 3000] });
    expect(csp).toContain(`connect-src 'self' ${FAKE}`);
    const headersOf = async (url: string) => (await page.goto(url))!.headers();
    expect((await headersOf(`${origin('beta')}/verification`))['permissions-policy']).toContain(`camera=(self "${FAKE}")`);
    await scan(page, 'verification with Sumsub, before start');
    // Nowhere else: not on beta's other pages, not on a manual-review tenant's /verification.
    expect((await headersOf(`${origin('beta')}/deals`))['content-security-policy']).not.toContain(FAKE);
    expect(await cspOf('beta', '/verification')).toContain(FAKE);
    expect(await cspOf('alpha', '/verification')).toMatch(/^default-src 'self'/);
    expect(await cspOf('alpha', '/verification')).not.toContain(FAKE);
    await page.goto(`${origin('beta')}/verification`);

    // Start: our API creates the applicant at the (fake) provider and returns a WebSDK token.
    const tokenRequest = (status: number) =>
      page.waitForResponse((r) => r.url().endsWith('/api/investor/kyc/applications') && r.request().method() === 'POST' && r.status() === status);
    const started = tokenRequest(201);
    await page.getByRole('button', { name: 'Start identity verification' }).click();
    expect((await (await started).json()).sdk).toMatchObject({ provider: 'sumsub', accessToken: expect.stringMatching(/^_act-sbx-/) });
    const iframe = page.getByTestId('sumsub-websdk').locator('iframe');
    await expect(iframe).toHaveAttribute('src', new RegExp(`^${FAKE.replace(/\./g, '\\.')}/websdk/websdk\\.html\\?`));

    // Expiry: when Sumsub's frame reports an invalid token, the SDK asks our endpoint again.
    const frame = page.frames().find((f) => f.url().startsWith(FAKE));
    expect(frame, 'the Sumsub frame').toBeTruthy();
    const renewed = tokenRequest(200);
    await frame!.evaluate(() => window.parent.postMessage({ method: 'idCheck.onError', code: 'invalid-token' }, '*'));
    expect((await (await renewed).json()).sdk.accessToken).toMatch(/^_act-sbx-/);

    // Coming back later resumes the open application with a fresh token, no click needed.
    const resumed = tokenRequest(200);
    await page.reload();
    await resumed;
    await expect(page.getByTestId('sumsub-websdk').locator('iframe')).toHaveAttribute('src', new RegExp(`^${FAKE.replace(/\./g, '\\.')}/`));
    await expect(page.getByTestId('kyc-application-status')).toBeVisible();
  } finally {
    await setBetaProvider('manual');
  }
});
