import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as auditLogs } from '../../src/app/api/admin/audit-logs/route';
import { GET as adminInvestments } from '../../src/app/api/admin/investments/route';
import { GET as adminDeals } from '../../src/app/api/admin/deals/route';
import { GET as adminEscrow } from '../../src/app/api/admin/escrow/route';
import { GET as adminIssuers } from '../../src/app/api/admin/issuers/route';
import { GET as adminStats } from '../../src/app/api/admin/stats/route';
import { GET as adminUsers } from '../../src/app/api/admin/users/route';
import { POST as login } from '../../src/app/api/auth/login/route';
import { POST as forgot } from '../../src/app/api/auth/password/forgot/route';
import { GET as accreditations } from '../../src/app/api/compliance/accreditations/route';
import { GET as checks } from '../../src/app/api/compliance/checks/route';
import { GET as kycQueue } from '../../src/app/api/compliance/kyc/applications/route';
import { GET as hits } from '../../src/app/api/compliance/screening/hits/route';
import { POST as createGroup } from '../../src/app/api/deal-groups/route';
import { GET as comments, POST as postComment } from '../../src/app/api/deals/[id]/comments/route';
import { GET as getDeal } from '../../src/app/api/deals/[id]/route';
import { GET as featured } from '../../src/app/api/deals/featured/route';
import { GET as deals } from '../../src/app/api/deals/route';
import { GET as issuerDeals } from '../../src/app/api/issuer/deals/route';
import { GET as profile, PATCH as patchProfile } from '../../src/app/api/profile/route';
import { closePools } from '../../src/server/db/pool';
import { call, type CallResult } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// SQL injection, replayed: classic payloads in every query parameter of the list endpoints
// and in JSON body fields. Queries are parameterised, so each payload is either refused by
// the schema (4xx naming the field) or treated as the literal text it is: a search finds
// nothing (no deal is titled "' OR 1=1--"), a filter matches nothing, and text fields are
// stored and read back byte for byte. Never a 5xx, never more rows than the benign answer.
// No wall-clock assertion: a pg_sleep that ran would still show as a 200 with rows.

const PAYLOADS = [
  `' OR 1=1--`,
  `' OR '1'='1`,
  `" OR ""="`,
  `1 OR 1=1`,
  `') OR ('a'='a`,
  `' UNION SELECT id, email, password_hash FROM users--`,
  `1 UNION ALL SELECT NULL,NULL,NULL--`,
  `'; DROP TABLE users;--`,
  `1; DELETE FROM deals`,
  `'; SELECT pg_sleep(5)--`,
  `1) AND (SELECT 1 FROM pg_sleep(5))::text = '1`,
  `' AND 1=CAST((SELECT current_setting('app.tenant_id')) AS int)--`,
  `'/**/OR/**/1=1/**/--`,
  `admin'--`,
  `%' OR '%'='`,
  `%`,
  `_`,
  `\\`,
  `'||(SELECT version())||'`,
  `$$; select 1; $$`,
  `ʼ OR 1=1--`, // U+02BC modifier apostrophe
  `＇ OR 1=1--`, // U+FF07 fullwidth apostrophe
  `’ OR ’1’=’1`,
  `1e309`,
  `-1`,
  `999999999999999999999999`,
];

let t: TestTenant;
let admin: string;
let investor: string;
let issuer: Awaited<ReturnType<typeof makeVerifiedIssuer>>;
let dealId: string;

const items = (r: CallResult): unknown[] | null => {
  if (!r.json || typeof r.json !== 'object') return null;
  const arr = Object.values(r.json).find(Array.isArray);
  return (arr as unknown[]) ?? null;
};

beforeAll(async () => {
  t = await makeTenant();
  admin = await tokenFor(t, t.admin.email);
  issuer = await makeVerifiedIssuer(t, admin);
  const inv = await makeUser(t);
  investor = await tokenFor(t, inv.email);
  dealId = (await makeActiveDeal(t, issuer.token, admin, { title: 'Benign Wind Farm' })).id;
  await makeActiveDeal(t, issuer.token, admin, { title: 'Benign Solar Roof' });
});

afterAll(async () => {
  await closePools();
});

type Endpoint = [name: string, handler: Parameters<typeof call>[0], path: string, token: () => string | undefined, params: string[], free: string[]];
// free: parameters whose value is free text (a search or filter): a payload there must be a 200 with no rows.
const ENDPOINTS: Endpoint[] = [
  ['GET /api/deals', deals, '/api/deals', () => undefined, ['search', 'status', 'assetType', 'featured', 'limit', 'offset', 'sort', 'order', 'tenantId'], ['search']],
  ['GET /api/deals/featured', featured, '/api/deals/featured', () => undefined, ['search', 'status', 'assetType', 'limit', 'offset'], ['search']],
  ['GET /api/issuer/deals', issuerDeals, '/api/issuer/deals', () => issuer.token, ['search', 'status', 'assetType', 'limit', 'offset'], ['search']],
  ['GET /api/admin/users', adminUsers, '/api/admin/users', () => admin, ['search', 'role', 'limit', 'offset'], ['search']],
  ['GET /api/admin/deals', adminDeals, '/api/admin/deals', () => admin, ['status', 'limit', 'offset'], []],
  ['GET /api/admin/audit-logs', auditLogs, '/api/admin/audit-logs', () => admin, ['action', 'before', 'limit', 'actorId', 'targetType', 'targetId', 'from', 'to', 'cursor'], ['action', 'targetType', 'targetId']],
  ['GET /api/admin/investments', adminInvestments, '/api/admin/investments', () => admin, ['status', 'dealId', 'investor', 'limit', 'offset'], ['investor']],
  ['GET /api/admin/escrow', adminEscrow, '/api/admin/escrow', () => admin, ['status', 'limit'], []],
  ['GET /api/admin/issuers', adminIssuers, '/api/admin/issuers', () => admin, ['status', 'search', 'limit'], []],
  ['GET /api/admin/stats', adminStats, '/api/admin/stats', () => admin, ['days'], []],
  ['GET /api/compliance/checks', checks, '/api/compliance/checks', () => admin, ['dealId', 'userId', 'outcome', 'limit'], []],
  ['GET /api/compliance/kyc/applications', kycQueue, '/api/compliance/kyc/applications', () => admin, ['status', 'limit'], []],
  ['GET /api/compliance/accreditations', accreditations, '/api/compliance/accreditations', () => admin, ['status', 'limit'], []],
  ['GET /api/compliance/screening/hits', hits, '/api/compliance/screening/hits', () => admin, ['status', 'limit'], []],
];

describe('query parameters of list endpoints', () => {
  it.each(ENDPOINTS)('%s: every payload in every parameter is a 4xx naming it or the benign answer (or an empty search)', async (_name, handler, path, token, params, free) => {
    const benign = await call(handler, { host: t.host, path, token: token() });
    expect(benign.status).toBe(200);
    const benignCount = items(benign)?.length ?? 0;
    const bad: string[] = [];
    for (const p of params) {
      for (const payload of PAYLOADS) {
        const r = await call(handler, { host: t.host, path: `${path}?${p}=${encodeURIComponent(payload)}`, token: token() });
        const label = `${p}=${payload}: ${r.status}`;
        if (r.status >= 500) bad.push(`${label} (server error)`);
        else if (r.status >= 400) {
          if (r.status !== 400 || !r.json.errors?.some((e: { field: string }) => e.field === p)) bad.push(`${label} ${r.json.code} does not name ${p}`);
        } else if (free.includes(p)) {
          const n = items(r)?.length ?? 0;
          // A literal search for the payload text: tautologies and "%" / "_" must match nothing. (Web-search
          // syntax may read "-1" as "not 1", which can list the tenant's own deals, never more than all of them.)
          if (n > benignCount || (n !== 0 && /OR|%|_|UNION/i.test(payload))) bad.push(`${label} returned ${n} rows for a search that matches nothing`);
        } else if (JSON.stringify(r.json) !== JSON.stringify(benign.json) && (items(r)?.length ?? 0) > benignCount) bad.push(`${label} returned more rows than the benign request`);
      }
    }
    expect(bad).toEqual([]);
  }, 60_000);

  it('control: a real search finds the deal, so the empty answers above are the payloads', async () => {
    const r = await call(deals, { host: t.host, path: '/api/deals?search=Wind' });
    expect(items(r)?.map((d: any) => d.title)).toEqual(['Benign Wind Farm']);
  });
});

describe('path ids', () => {
  it('a slug lookup with payloads is 400 or 404, never another deal', async () => {
    for (const payload of PAYLOADS) {
      const r = await call(getDeal, { host: t.host, params: { id: payload } });
      expect({ payload, status: [400, 404].includes(r.status) }).toEqual({ payload, status: true });
    }
  });
});

describe('JSON body fields', () => {
  it('login: a payload as email or password never signs in, never 5xx', async () => {
    for (const payload of PAYLOADS) {
      for (const body of [{ email: payload, password: PASSWORD }, { email: t.admin.email, password: payload }, { email: `${payload}@example.com`, password: payload }]) {
        const r = await call(login, { host: t.host, ip: `10.55.${PAYLOADS.indexOf(payload)}.1`, body });
        expect({ payload, status: [400, 401, 429].includes(r.status) }).toEqual({ payload, status: true });
        expect(r.json.token).toBeUndefined();
      }
    }
  });

  it('password forgot with payload emails is 400 or the uniform answer', async () => {
    for (const payload of PAYLOADS.slice(0, 8)) {
      const r = await call(forgot, { host: t.host, body: { email: payload } });
      expect([200, 400, 429]).toContain(r.status);
    }
  });

  it('profile names, comments and group names store each payload as literal text', async () => {
    const stored: string[] = [];
    for (const payload of PAYLOADS) {
      const p = await call(patchProfile, { host: t.host, method: 'PATCH', token: investor, body: { firstName: payload.slice(0, 100) } });
      if (p.status === 200) {
        const me = await call(profile, { host: t.host, token: investor });
        if (me.json.firstName !== payload.slice(0, 100).trim()) stored.push(`profile ${payload}: read back ${me.json.firstName}`);
      } else if (p.status !== 400) stored.push(`profile ${payload}: ${p.status}`);
      const c = await call(postComment, { host: t.host, token: investor, params: { id: dealId }, body: { body: payload } });
      if (c.status !== 201) stored.push(`comment ${payload}: ${c.status}`);
    }
    const list = await call(comments, { host: t.host, token: investor, params: { id: dealId } });
    const bodies = (items(list) as { body: string }[]).map((c) => c.body);
    for (const payload of PAYLOADS) if (!bodies.some((b) => b.includes(payload.trim().replace(/</g, '&lt;')) || b === payload.trim())) stored.push(`comment ${payload} not read back`);
    const g = await call(createGroup, { host: t.host, token: admin, body: { name: `' OR 1=1--`, slug: `x-' or 1=1` } });
    expect(g.status).toBe(400);
    expect(g.json.errors.map((e: { field: string }) => e.field)).toEqual(['slug']);
    expect(stored).toEqual([]);
  }, 60_000);
});
