import http from 'node:http';
import path from 'node:path';
import { expect, type Browser, type Page } from '@playwright/test';
import { scan } from './axe';
import { api, logIn, PASSWORD, PORT, RUN, token, type TenantSlug, origin } from './platform';

// Shared steps of the issue-15 page specs: set-up calls, raw uploads, and the look checks
// (axe in light and dark, 375 px without sideways scrolling, a screenshot of each).

const SHOTS = path.resolve('test-results/e2e/screenshots');

export async function must(p: Promise<{ status: number; body: any }>, what: string): Promise<any> {
  const r = await p;
  if (r.status >= 400) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

/** POST raw bytes (an upload) as the API sees them. */
export function upload(t: TenantSlug, pathAndQuery: string, tokenValue: string, bytes: Buffer, type: string): Promise<{ status: number; body: any }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: '127.0.0.1', port: PORT, method: 'POST', path: pathAndQuery, headers: { host: `${t}.localhost:${PORT}`, accept: 'application/json', authorization: `Bearer ${tokenValue}`, 'content-type': type, 'content-length': bytes.length } },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => {
          let body: unknown = text;
          try {
            body = JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode ?? 0, body });
        });
      },
    );
    req.on('error', reject);
    req.end(bytes);
  });
}

let n = 0;
/** A new account on the tenant with exactly these roles (registered, then granted by the admin). */
export async function accountWith(t: TenantSlug, roles: string[], first = 'Casey', last = `Tester${RUN}`): Promise<{ email: string; id: string; token: string }> {
  const email = `${roles.join('-').replace(/_/g, '')}.${RUN}.${++n}.${Math.random().toString(36).slice(2, 6)}@example.org`;
  await must(api(t, 'POST', '/api/auth/register', { json: { email, password: PASSWORD, firstName: first, lastName: last } }), 'register');
  const admin = await token(t, `admin@${t}.example`);
  const { users } = await must(api(t, 'GET', `/api/admin/users?search=${encodeURIComponent(email)}`, { token: admin }), 'find user');
  const id = users[0].id as string;
  for (const role of roles.filter((r) => r !== 'investor')) await must(api(t, 'POST', `/api/admin/users/${id}/roles`, { token: admin, json: { role, action: 'grant' } }), `grant ${role}`);
  if (!roles.includes('investor')) await must(api(t, 'POST', `/api/admin/users/${id}/roles`, { token: admin, json: { role: 'investor', action: 'revoke' } }), 'revoke investor');
  return { email, id, token: await token(t, email) };
}

/** Letters only, unique to this run (screening matches names, not digits). */
export const RUN_LETTERS = RUN.replace(/\d/g, (d) => 'abcdefghij'[Number(d)]!).replace(/^./, (c) => c.toUpperCase());

/**
 * Each page: no serious axe violation in light and in dark at desktop width, and at 375 px wide
 * no sideways scrolling, no serious violation, and a screenshot in test-results/e2e/screenshots.
 */
export async function lookChecks(browser: Browser, t: TenantSlug, email: string, pages: { path: string; name: string; ready?: (p: Page) => Promise<void> }[]) {
  for (const [scheme, width] of [['light', 1280], ['dark', 1280], ['light', 375], ['dark', 375]] as const) {
    const context = await browser.newContext({ colorScheme: scheme, viewport: { width, height: width === 375 ? 812 : 800 } });
    const page = await context.newPage();
    await logIn(page, t, email);
    for (const p of pages) {
      await page.goto(`${origin(t)}${p.path}`);
      await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
      if (p.ready) await p.ready(page);
      const label = `${p.name} ${scheme} ${width}px`;
      await scan(page, label);
      if (width === 375) {
        const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
        expect(overflow, `${label}: no sideways scrolling`).toBeLessThanOrEqual(0);
        await page.screenshot({ path: path.join(SHOTS, `${t}-${scheme}-${p.name}-375.png`), fullPage: true });
      }
    }
    await context.close();
  }
}

/** GET from inside the page, with its cookies (Node cannot resolve *.localhost): status, type and text. */
export async function fetchInPage(page: Page, href: string): Promise<{ status: number; type: string; text: string }> {
  return page.evaluate(async (h) => {
    const r = await fetch(h, { credentials: 'same-origin' });
    return { status: r.status, type: r.headers.get('content-type') ?? '', text: await r.text() };
  }, href);
}

const PNG_1PX = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAQAAAC1HAwCAAAAC0lEQVR42mNkYAAAAAYAAjCB0C8AAAAASUVORK5CYII=', 'base64');

/** An investor whose identity the tenant admin approved (manual KYC with a passport scan). */
export async function verifiedInvestor(t: TenantSlug, first: string, last: string) {
  const who = await accountWith(t, ['investor'], first, last);
  const app = await must(api(t, 'POST', '/api/investor/kyc/applications', { token: who.token, json: { level: 'standard' } }), 'start KYC');
  const id = (app.application?.id ?? app.id) as string;
  await must(upload(t, `/api/investor/kyc/applications/${id}/documents?kind=passport`, who.token, PNG_1PX, 'image/png'), 'upload passport');
  const admin = await token(t, `admin@${t}.example`);
  await must(api(t, 'POST', `/api/compliance/kyc/applications/${id}/decision`, { token: admin, json: { decision: 'approve' } }), 'approve KYC');
  return who;
}
