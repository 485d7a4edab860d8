import http from 'node:http';
import type { Page } from '@playwright/test';

// The platform under test, as scripts/e2e.ts started it. Node cannot resolve *.localhost
// here, so API set-up calls go to 127.0.0.1 with the tenant's Host header; the browser
// (Chromium resolves *.localhost itself) uses the real tenant URLs.
export const PORT = Number(process.env.E2E_PORT ?? 3100);
export type TenantSlug = 'alpha' | 'beta';
export const origin = (t: TenantSlug) => `http://${t}.localhost:${PORT}`;
export const PASSWORD = 'Demo-Invest-2026';
export const RUN = Date.now().toString(36).slice(-5);

type Reply = { status: number; body: any };

export function api(t: TenantSlug, method: string, path: string, opts: { json?: unknown; token?: string } = {}): Promise<Reply> {
  const body = opts.json === undefined ? undefined : JSON.stringify(opts.json);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: PORT,
        method,
        path,
        headers: {
          host: `${t}.localhost:${PORT}`,
          accept: 'application/json',
          ...(body ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } : {}),
          ...(opts.token ? { authorization: `Bearer ${opts.token}` } : {}),
        },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (c) => (text += c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text ? safeJson(text) : null }));
      },
    );
    req.on('error', reject);
    if (body) req.write(body);
    req.end();
  });
}
const safeJson = (s: string) => {
  try {
    return JSON.parse(s);
  } catch {
    return s;
  }
};

async function ok(p: Promise<Reply>, what: string): Promise<any> {
  const r = await p;
  if (r.status >= 400) throw new Error(`${what}: ${r.status} ${JSON.stringify(r.body)}`);
  return r.body;
}

export async function token(t: TenantSlug, email: string): Promise<string> {
  return (await ok(api(t, 'POST', '/api/auth/login', { json: { email, password: PASSWORD } }), `login ${email}`)).token;
}

/** The tenant's demo issuer with a verified issuer profile (created and verified if missing). */
export async function verifiedIssuer(t: TenantSlug): Promise<string> {
  const issuer = await token(t, `issuer@${t}.example`);
  let profile = await api(t, 'GET', '/api/issuer/profile', { token: issuer });
  if (profile.status === 404) {
    const body = {
      legalEntity: { name: `${t === 'alpha' ? 'Alpha' : 'Beta'} Ventures Ltd`, jurisdiction: 'GB', registrationNumber: `E2E-${t}-${RUN}`, entityType: 'corporation' },
      profile: { displayName: `${t === 'alpha' ? 'Alpha' : 'Beta'} Ventures` },
    };
    profile = { status: 201, body: await ok(api(t, 'POST', '/api/issuer/profile', { token: issuer, json: body }), 'create issuer profile') };
  }
  if (profile.body.status !== 'verified') {
    const admin = await token(t, `admin@${t}.example`);
    await ok(api(t, 'POST', `/api/admin/issuers/${profile.body.id}/review`, { token: admin, json: { decision: 'verify', reason: 'Verified for the e2e run' } }), 'verify issuer');
  }
  return issuer;
}

export type LiveDeal = { id: string; slug: string; title: string };

/** A deal that went draft → submitted → approved, so investors can see and invest in it. */
export async function liveDeal(t: TenantSlug, title: string, extra: Record<string, unknown> = {}): Promise<LiveDeal> {
  const issuer = await verifiedIssuer(t);
  const deal = await ok(
    api(t, 'POST', '/api/issuer/deals', {
      token: issuer,
      json: {
        title,
        summary: 'Community-owned rooftop solar for twelve schools, paid back from a 20-year power purchase agreement.',
        description: '## The project\n\nWe install **2.4 MW** of rooftop solar across twelve schools.\n\n- 20-year power purchase agreements\n- Target yield 7% a year\n- Quarterly distributions\n\n## Risks\n\nPanel prices and interest rates can change; your capital is at risk.',
        assetType: 'debt',
        currency: 'USD',
        targetAmount: '500000',
        softCap: '150000',
        hardCap: '750000',
        minTicket: '1000',
        maxTicket: '100000',
        endsAt: '2027-12-31T00:00:00Z',
        compliance: { regimes: [] }, // no offering regime: a brand-new investor may invest without declarations
        ...extra,
      },
    }),
    'create deal',
  );
  await ok(api(t, 'POST', `/api/deals/${deal.id}/transitions`, { token: issuer, json: { action: 'submit' } }), 'submit deal');
  const admin = await token(t, `admin@${t}.example`);
  await ok(api(t, 'POST', `/api/deals/${deal.id}/transitions`, { token: admin, json: { action: 'approve' } }), 'approve deal');
  return { id: deal.id, slug: deal.slug, title: deal.title };
}

const setups = new Map<TenantSlug, Promise<LiveDeal>>();
/** One showcase deal per tenant per run (with a demo investment, so portfolios are not empty). */
export function showcaseDeal(t: TenantSlug): Promise<LiveDeal> {
  let p = setups.get(t);
  if (!p) {
    p = (async () => {
      const title = t === 'alpha' ? `Heliotrope Schools Solar ${RUN}` : `Quayside Makers Workshop ${RUN}`;
      const deal = await liveDeal(t, title, t === 'beta' ? { assetType: 'equity', currency: 'EUR', valuation: '4000000', summary: 'A shared workshop with CNC, wood and textile studios for forty small makers on the old quay.', description: '## The workshop\n\nForty small makers share **CNC, wood and textile studios** on the old quay.\n\n- Memberships pay the running costs\n- Equity holders share in the surplus\n\n## Risks\n\nMembership may grow more slowly than planned; your capital is at risk.' } : {});
      await liveDeal(t, t === 'alpha' ? `Northfield Community Orchard ${RUN}` : `Riverside Co-op Housing ${RUN}`, { assetType: t === 'alpha' ? 'equity' : 'debt', summary: t === 'alpha' ? 'A 40-acre heritage orchard and cider press owned by the village, with a share of every harvest.' : 'Twenty-four energy-efficient co-op homes by the river, financed by member loans at 5%.', description: 'A community project with a clear budget and an experienced team.', targetAmount: '250000', softCap: '50000', hardCap: '300000', minTicket: '500' });
      const investor = await token(t, `investor1@${t}.example`);
      await ok(api(t, 'POST', `/api/deals/${deal.id}/invest`, { token: investor, json: { amount: '2500', paymentMethod: 'wire' } }), 'demo investment');
      return deal;
    })();
    setups.set(t, p);
  }
  return p;
}

/** Logs in through the form, as a person would, and waits for the deals page. */
export async function logIn(page: Page, t: TenantSlug, email: string, password = PASSWORD): Promise<void> {
  await page.goto(`${origin(t)}/login`);
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Log in' }).click();
  // Each role lands on its own workspace (investors on deals, issuers on their deals, ...).
  await page.waitForURL((url) => !url.pathname.startsWith('/login') && url.pathname !== '/');
}

/**
 * The notification bell keeps a Server-Sent Events stream open, so Playwright's 'networkidle' never
 * comes while it is. Specs that wait for it close that stream first (the bell keeps the count it
 * was rendered with); tests/e2e/notifications.spec.ts covers the live stream itself.
 */
export async function closeLiveStream(page: Page): Promise<void> {
  await page.route('**/api/notifications/stream', (r) => r.abort());
}
