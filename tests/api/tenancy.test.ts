import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { GET as profile } from '../../src/app/api/profile/route';
import { closePools } from '../../src/server/db/pool';
import { addUser, reactivateTenant, suspendTenant } from '../../src/server/platform/tenants';
import { call } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// Host -> tenant resolution as a client sees it. A host "works" when the tenant's own
// admin can sign in there and gets their own account back.

const rand = () => randomBytes(4).toString('hex');
let t: TestTenant;
let domain: string;
let alias: string;

async function signIn(host: string, email: string, password = PASSWORD) {
  return call(login, { host, path: '/api/auth/login', body: { email, password } });
}

beforeAll(async () => {
  domain = `invest.${rand()}.example`;
  alias = `deals-${rand()}.partner.example`;
  t = await makeTenant({ domain, aliases: [alias] });
});

afterAll(async () => {
  await closePools();
});

describe('resolving the tenant from the Host header', () => {
  it.each([
    ['<slug>.localhost', () => t.host],
    ['the primary domain', () => domain],
    ['an alias', () => alias],
    ['an upper-case host with a port', () => `${t.slug.toUpperCase()}.LOCALHOST:3000`],
    ['the primary domain in upper case with a port', () => `${domain.toUpperCase()}:8443`],
    ['an alias with a trailing dot', () => `${alias}.`],
  ])('answers on %s', async (_label, host) => {
    const r = await signIn(host(), t.admin.email);
    expect(r.status).toBe(200);
    expect(r.json.user).toEqual({ id: t.admin.id, email: t.admin.email, role: 'tenant_admin' });
    const me = await call(profile, { host: host(), token: r.json.token });
    expect(me.status).toBe(200);
    expect(me.json.tenant).toEqual({ id: t.id, name: `Tenant ${t.slug}`, slug: t.slug });
  });

  it.each([
    ['an unknown host', () => `nobody-${rand()}.example`],
    ['an unknown slug', () => `t-${rand()}-none.localhost`],
    ['a sub-subdomain of a tenant', () => `evil.${t.slug}.localhost`],
    ['a tenant host used as a prefix of another domain', () => `${t.slug}.localhost.evil.example`],
    ['a sub-domain of the primary domain', () => `www.${domain}`],
    ['an IP address', () => '127.0.0.1:3000'],
  ])('answers 404 tenant_not_found as problem+json for %s', async (_label, host) => {
    const r = await signIn(host(), t.admin.email);
    expect(r.status).toBe(404);
    expect(r.headers.get('content-type')).toBe('application/problem+json');
    expect(r.json).toMatchObject({ status: 404, code: 'tenant_not_found' });
    expect(r.json.token).toBeUndefined();
  });
});

describe('suspension', () => {
  it('answers 503 tenant_suspended with the reason on every host of the tenant, and reactivation restores it', async () => {
    const sAlias = `s-${rand()}.partner.example`;
    const s = await makeTenant({ aliases: [sAlias] });
    const hosts = [s.host, `${s.slug.toUpperCase()}.localhost:3000`, sAlias];
    // Warm the resolver's cache first: suspension must invalidate it, not wait for its TTL.
    const before = await signIn(s.host, s.admin.email);
    expect(before.status).toBe(200);
    for (const h of hosts) expect((await signIn(h, s.admin.email)).status).toBe(200);

    const reason = `Unpaid invoice ${rand()}`;
    await suspendTenant({ adminId: null }, s.id, reason);
    for (const h of hosts) {
      const r = await signIn(h, s.admin.email);
      expect(r.status).toBe(503);
      expect(r.headers.get('content-type')).toBe('application/problem+json');
      expect(r.json.code).toBe('tenant_suspended');
      expect(r.json.detail).toContain(reason);
    }
    // A token issued before the suspension is no way in either.
    const me = await call(profile, { host: s.host, token: before.json.token });
    expect(me.status).toBe(503);
    expect(me.json.code).toBe('tenant_suspended');

    await reactivateTenant({ adminId: null }, s.id);
    for (const h of hosts) expect((await signIn(h, s.admin.email)).status).toBe(200);
    expect((await call(profile, { host: s.host, token: before.json.token })).status).toBe(200);
  });
});

describe('the same email on two tenants', () => {
  it('is two different accounts, each with its own password', async () => {
    const other = await makeTenant();
    const email = `same-${rand()}@example.com`;
    const otherPassword = 'Lantern-Quarry-Velvet-83';
    const mine = await makeUser(t, ['investor'], email);
    const theirsId = await addUser(other.id, { email, password: otherPassword, firstName: 'Other', lastName: 'Person', roles: ['issuer'] });
    expect(theirsId).not.toBe(mine.id);

    const here = await signIn(t.host, email);
    const there = await signIn(other.host, email, otherPassword);
    expect(here.status).toBe(200);
    expect(there.status).toBe(200);
    expect(here.json.user).toEqual({ id: mine.id, email, role: 'investor' });
    expect(there.json.user).toEqual({ id: theirsId, email, role: 'issuer' });

    const crossed = [await signIn(t.host, email, otherPassword), await signIn(other.host, email, PASSWORD)];
    for (const r of crossed) {
      expect(r.status).toBe(401);
      expect(r.json.code).toBe('invalid_credentials');
    }
  });
});

// Misses are cached for a few seconds; creating a tenant must forget them.
describe('a newly created tenant', () => {
  it('answers on a host that was looked up (and missed) just before it was created', async () => {
    const fresh = `new-${rand()}.example`;
    expect((await signIn(fresh, 'nobody@example.com')).status).toBe(404);
    const n = await makeTenant({ domain: fresh });
    const r = await signIn(fresh, n.admin.email);
    expect(r.status).toBe(200);
    expect(r.json.user.id).toBe(n.admin.id);
  });
});
