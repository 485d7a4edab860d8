import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as auditLogs } from '../../src/app/api/admin/audit-logs/route';
import { PATCH as patchTenant } from '../../src/app/api/admin/tenant/route';
import { GET as discover } from '../../src/app/api/groups/route';
import { GET as myGroups } from '../../src/app/api/groups/my-groups/route';
import { GET as ownGroup, POST as createGroup } from '../../src/app/api/issuer/groups/route';
import { PUT as visibility } from '../../src/app/api/issuer/deals/[id]/visibility/route';
import { GET as pools } from '../../src/app/api/staking/pools/route';
import { closePools } from '../../src/server/db/pool';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Feature flags that really switch: a feature the tenant admin turns off does not exist for
// that community (403 feature_disabled naming it), and comes back as it was when turned on.

let t: TestTenant;
let other: TestTenant;
let adminToken: string;
let investorToken: string;
let issuer: { token: string };
let dealId: string;

async function setFeatures(features: Record<string, boolean>) {
  const r = await call(patchTenant, { host: t.host, method: 'PATCH', path: '/api/admin/tenant', token: adminToken, body: { features } });
  expect(r.status).toBe(200);
}

beforeAll(async () => {
  t = await makeTenant();
  other = await makeTenant();
  adminToken = await tokenFor(t, t.admin.email);
  investorToken = await tokenFor(t, (await makeUser(t)).email);
  issuer = await makeVerifiedIssuer(t, adminToken);
  dealId = (await makeActiveDeal(t, issuer.token, adminToken)).id;
  const g = await call(createGroup, { host: t.host, token: issuer.token, body: { name: 'Flag Circle' } });
  expect(g.status).toBe(201);
});

afterAll(async () => {
  await closePools();
});

describe('investmentGroups', () => {
  it('off: every group route refuses with 403 feature_disabled naming the feature; on: the same group is back', async () => {
    expect((await call(discover, { host: t.host, path: '/api/groups' })).json.groups).toHaveLength(1);
    await setFeatures({ investmentGroups: false });
    for (const [handler, o] of [
      [discover, { path: '/api/groups' }],
      [myGroups, { path: '/api/groups/my-groups', token: investorToken }],
      [ownGroup, { path: '/api/issuer/groups', token: issuer.token }],
      [createGroup, { path: '/api/issuer/groups', token: issuer.token, body: { name: 'Another Circle' } }],
    ] as const) {
      const r = await call(handler, { host: t.host, ...o });
      expect(r.status, o.path).toBe(403);
      expect(r.json).toMatchObject({ code: 'feature_disabled', feature: 'investmentGroups', detail: 'Investment groups are turned off for this community' });
    }
    // A member-only deal needs groups; a public one does not.
    const toGroup = await call(visibility, { host: t.host, method: 'PUT', token: issuer.token, params: { id: dealId }, body: { visibility: 'group' } });
    expect(toGroup.status).toBe(403);
    expect(toGroup.json.code).toBe('feature_disabled');
    expect((await call(visibility, { host: t.host, method: 'PUT', token: issuer.token, params: { id: dealId }, body: { visibility: 'public' } })).status).toBe(200);
    // Another tenant's groups are its own business.
    expect((await call(discover, { host: other.host, path: '/api/groups' })).status).toBe(200);

    await setFeatures({ investmentGroups: true });
    const back = await call(discover, { host: t.host, path: '/api/groups' });
    expect(back.status).toBe(200);
    expect(back.json.groups.map((g: { name: string }) => g.name)).toEqual(['Flag Circle']);
  });

  it('the switch is audited in the tenant’s audit log', async () => {
    const r = await call(auditLogs, { host: t.host, path: '/api/admin/audit-logs', token: adminToken, headers: {} });
    const switches = r.json.entries.filter((e: { action: string }) => e.action === 'tenant.settings_updated').map((e: { metadata: { features: object } }) => e.metadata.features);
    expect(switches).toEqual(expect.arrayContaining([{ investmentGroups: false }, { investmentGroups: true }]));
  });
});

describe('staking (the same rule)', () => {
  it('off by default: 403 feature_disabled naming staking pools; on: the list answers', async () => {
    const off = await call(pools, { host: t.host, path: '/api/staking/pools', token: investorToken });
    expect(off.status).toBe(403);
    expect(off.json).toMatchObject({ code: 'feature_disabled', feature: 'staking', detail: 'Staking pools are turned off for this community' });
    await setFeatures({ staking: true });
    expect((await call(pools, { host: t.host, path: '/api/staking/pools', token: investorToken })).status).toBe(200);
  });
});

describe('switching one feature', () => {
  it('leaves the others as they are, and an unknown feature is a 400 naming it', async () => {
    await setFeatures({ investmentGroups: false });
    await setFeatures({ staking: true });
    expect((await call(discover, { host: t.host, path: '/api/groups' })).json.code).toBe('feature_disabled');
    const bad = await call(patchTenant, { host: t.host, method: 'PATCH', path: '/api/admin/tenant', token: adminToken, body: { features: { teleportation: true } } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json.errors)).toContain('features');
    await setFeatures({ investmentGroups: true });
  });
});
