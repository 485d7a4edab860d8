import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as tenantSettings, PATCH as patchTenant } from '../../src/app/api/admin/tenant/route';
import { POST as login } from '../../src/app/api/auth/login/route';
import { POST as register } from '../../src/app/api/auth/register/route';
import { GET as listDeals } from '../../src/app/api/deals/route';
import { GET as profile } from '../../src/app/api/profile/route';
import { getConfig } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { makeTenant, PASSWORD, type TestTenant } from '../helpers/tenants';

// Tenant confusion: the tenant comes from Host only (ARCHITECTURE.md, Tenancy). Headers a
// client can add (X-Forwarded-Host without TRUST_PROXY, X-Tenant-Id and friends) and
// tenantId fields in bodies and queries must be ignored; odd Host spellings either name
// the same tenant or none. tests/api/tenancy covers port, upper case and a trailing dot
// one at a time; this adds the headers, the fields and the hostile spellings.

let a: TestTenant;
let b: TestTenant;

const signIn = (host: string, email: string, headers: Record<string, string> = {}) => call(login, { host, headers, body: { email, password: PASSWORD } });

beforeAll(async () => {
  expect(getConfig().TRUST_PROXY).toBe(false);
  a = await makeTenant();
  b = await makeTenant();
});

afterAll(async () => {
  await closePools();
});

describe('headers that name another tenant', () => {
  const spoofs = (t: TestTenant): Record<string, string>[] => [
    { 'x-forwarded-host': t.host },
    { 'x-forwarded-host': `${t.host}, ${t.host}` },
    { forwarded: `host=${t.host};proto=https` },
    { 'x-original-host': t.host },
    { 'x-host': t.host },
    { 'x-tenant-id': t.id },
    { 'x-tenant': t.slug },
    { 'x-tenant-slug': t.slug },
  ];

  it('with TRUST_PROXY off, A’s host answers as A whatever the request says about B', async () => {
    for (const h of spoofs(b)) {
      const asB = await signIn(a.host, b.admin.email, h);
      expect({ h, status: asB.status, code: asB.json.code }).toEqual({ h, status: 401, code: 'invalid_credentials' });
      const asA = await signIn(a.host, a.admin.email, h);
      expect({ h, status: asA.status }).toEqual({ h, status: 200 });
      const me = await call(profile, { host: a.host, token: asA.json.token, headers: h });
      expect(me.json.tenant.id).toBe(a.id);
    }
  });

  it('a token of A sent to A’s host with B’s forwarded host or tenant id still reads A only; B’s token is refused there', async () => {
    const tokenA = (await signIn(a.host, a.admin.email)).json.token;
    const tokenB = (await signIn(b.host, b.admin.email)).json.token;
    for (const h of spoofs(b)) {
      const r = await call(tenantSettings, { host: a.host, token: tokenA, headers: h });
      expect(r.status).toBe(200);
      expect(r.json.id).toBe(a.id);
      // B's own token cannot be smuggled in by pointing the headers at B.
      expect((await call(tenantSettings, { host: a.host, token: tokenB, headers: h })).status).toBe(401);
    }
  });

  it('an unknown Host is 404 even when X-Forwarded-Host names a real tenant', async () => {
    const r = await signIn('nobody.invalid', a.admin.email, { 'x-forwarded-host': a.host, 'x-tenant-id': a.id });
    expect(r.status).toBe(404);
    expect(r.json.code).toBe('tenant_not_found');
  });
});

describe('tenantId fields in bodies and queries', () => {
  it('PATCH /api/admin/tenant with B’s tenantId or id changes A only, or is refused; B keeps its name', async () => {
    const tokenA = (await signIn(a.host, a.admin.email)).json.token;
    for (const extra of [{ tenantId: b.id }, { id: b.id }, { tenant_id: b.id }, { slug: b.slug }]) {
      const r = await call(patchTenant, { host: a.host, method: 'PATCH', token: tokenA, body: { name: `Renamed ${a.slug}`, ...extra } });
      expect(r.status === 200 || r.status === 400).toBe(true);
      if (r.status === 400) expect(r.json.errors.length).toBeGreaterThan(0);
    }
    const names = await Promise.all([a, b].map((t) => withTenant(t.id, null, (x) => x.tx.selectFrom('tenants').select(['name', 'slug']).where('id', '=', t.id).executeTakeFirstOrThrow())));
    expect(names[1]).toEqual({ name: `Tenant ${b.slug}`, slug: b.slug });
    expect(names[0]!.slug).toBe(a.slug);
  });

  it('register with B’s tenantId in the body creates the account in A (or refuses it), never in B', async () => {
    const email = `confused-${Date.now()}@example.com`;
    const r = await call(register, { host: a.host, body: { email, password: PASSWORD, firstName: 'Con', lastName: 'Fused', tenantId: b.id, tenant: b.slug } });
    expect([201, 400]).toContain(r.status);
    expect((await signIn(b.host, email)).status).toBe(401);
    if (r.status === 201) expect((await signIn(a.host, email)).status).toBe(200);
  });

  it('GET /api/deals?tenantId=B lists A’s deals (or is refused), never B’s', async () => {
    const plain = await call(listDeals, { host: a.host, path: '/api/deals' });
    const r = await call(listDeals, { host: a.host, path: `/api/deals?tenantId=${b.id}&tenant=${b.slug}` });
    expect([200, 400]).toContain(r.status);
    if (r.status === 200) expect(r.json).toEqual(plain.json);
  });
});

describe('Host spellings', () => {
  it.each([
    ['upper case, port and a trailing dot at once', () => `${a.slug.toUpperCase()}.LOCALHOST.:8080`],
    ['mixed case', () => `${a.slug}.LocalHost`],
  ])('%s name the same tenant', async (_l, host) => {
    const r = await signIn(host(), a.admin.email);
    expect(r.status).toBe(200);
    expect(r.json.user.id).toBe(a.admin.id);
  });

  it.each([
    ['an IPv6 literal', () => '[::1]:3000'],
    ['an IPv6 literal without a port', () => '[::1]'],
    ['an IPv4 literal', () => '127.0.0.1'],
    ['a tenant host with userinfo', () => `${b.slug}.localhost@${a.host}`],
    ['two hosts joined by a comma', () => `${a.host},${b.host}`],
    ['a host with a path', () => `${a.host}/x`],
    ['a double trailing dot', () => `${a.host}..`],
    ['a leading dot', () => `.${a.host}`],
    ['the tenant id as a subdomain', () => `${a.id}.localhost`],
    ['a look-alike with a Cyrillic letter (punycode)', () => new URL(`http://${a.host.replace('t-', 'т-')}`).hostname],
    ['bare localhost', () => 'localhost'],
    ['the host of tenant A with a space inside', () => a.host.replace('.', ' .')],
    ['an empty port', () => `${a.host}:`],
  ])('%s is 404 tenant_not_found (or 400), never another tenant', async (_l, host) => {
    // The URL stays well formed; only the Host header carries the odd spelling, as a raw client would send it.
    const req = new Request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: { host: host(), 'content-type': 'application/json', 'x-real-ip': '10.77.0.1' },
      body: JSON.stringify({ email: a.admin.email, password: PASSWORD }),
    });
    expect(req.headers.get('host')).toBe(host());
    const res = await login(req);
    const body = await res.json();
    expect([400, 404]).toContain(res.status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(body.token).toBeUndefined();
  });

  it('control: the same raw request with A’s plain host signs in', async () => {
    const req = new Request('http://localhost/api/auth/login', {
      method: 'POST',
      headers: { host: a.host, 'content-type': 'application/json', 'x-real-ip': '10.77.0.2' },
      body: JSON.stringify({ email: a.admin.email, password: PASSWORD }),
    });
    expect((await login(req)).status).toBe(200);
  });
});
