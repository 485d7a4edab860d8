import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as getLists, POST as uploadList } from '../../src/app/api/admin/screening-lists/route';
import { GET as getHits } from '../../src/app/api/compliance/screening/hits/route';
import { POST as decideHit } from '../../src/app/api/compliance/screening/hits/[id]/decision/route';
import { POST as screenNow } from '../../src/app/api/compliance/screening/users/[id]/screen/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { addUser } from '../../src/server/platform/tenants';
import { onKycDecision, runEscrowSweep } from '../../src/server/escrow/service';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// Sanctions / PEP screening: lists uploaded as CSV, fuzzy matches opened as review items,
// compliance decisions driving the escrowed money; roles and tenant isolation.

let a: TestTenant;
let b: TestTenant;
let adminA: string;
let adminB: string;
let officerA: string;
let dealId: string;

const csv = (rows: string[]) => ['name,aliases,date_of_birth,countries', ...rows].join('\n');
const upload = (tenant: TestTenant, token: string, body: string, query = 'name=OFAC%20SDN&kind=sanctions', type = 'text/csv') =>
  call(uploadList, { host: tenant.host, token, path: `/api/admin/screening-lists?${query}`, method: 'POST', rawBody: body, headers: { 'content-type': type } });

async function person(first: string, last: string, tenant = a) {
  const email = `p-${randomBytes(4).toString('hex')}@example.com`;
  const id = await addUser(tenant.id, { email, password: PASSWORD, firstName: first, lastName: last, roles: ['investor'] });
  return { id, email, token: await tokenFor(tenant, email) };
}
const hitsOf = (tenant: TestTenant, userId: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('screening_hits').select(['id', 'status', 'entry_id', 'matched_on', 'score']).where('tenant_id', '=', tenant.id).where('user_id', '=', userId).execute());
const escrowStatus = (tenant: TestTenant, userId: string) =>
  withTenant(tenant.id, null, async (t) => (await t.tx.selectFrom('escrow_investments').select('status').where('tenant_id', '=', tenant.id).where('investor_id', '=', userId).execute()).map((r) => r.status));
const setKyc = (tenant: TestTenant, userId: string, status: 'approved' | 'pending') =>
  withTenant(tenant.id, null, (t) => t.tx.updateTable('profiles').set({ kyc_status: status }).where('tenant_id', '=', tenant.id).where('user_id', '=', userId).execute());

async function withHeldEscrow(first: string, last: string) {
  const p = await person(first, last);
  const r = await call(invest, { host: a.host, token: p.token, params: { id: dealId }, body: { amount: '500', paymentMethod: 'wire' } });
  expect(r.status).toBe(201);
  await runEscrowSweep({ tenantIds: [a.id] });
  expect(await escrowStatus(a, p.id)).toEqual(['held']);
  return p;
}

/** KYC approved as the KYC module applies it: profile status, then the escrow hook. */
const approveKyc = async (userId: string) => {
  await setKyc(a, userId, 'approved');
  await withTenant(a.id, null, (t) => onKycDecision(t, userId, 'approved'));
};

beforeAll(async () => {
  a = await makeTenant();
  b = await makeTenant();
  adminA = await tokenFor(a, a.admin.email);
  adminB = await tokenFor(b, b.admin.email);
  officerA = await tokenFor(a, (await makeUser(a, ['compliance_officer'])).email);
  const issuer = await makeVerifiedIssuer(a, adminA);
  dealId = (await makeActiveDeal(a, issuer.token, adminA)).id;
  const r = await upload(a, adminA, csv(['"MULLER, Jose",,,ES', 'Ivan Petrovsky,"Pepe Smith; El Jefe",1961-01-01,RU', 'Alexandra Konstantinova,,,']));
  expect(r.status).toBe(201);
  expect(r.json.list).toMatchObject({ name: 'OFAC SDN', kind: 'sanctions', entryCount: 3 });
});

afterAll(async () => {
  await closePools();
});

describe('screening lists', () => {
  it('a bad upload names every bad line and stores nothing', async () => {
    const before = (await call(getLists, { host: a.host, token: adminA })).json.lists.length;
    const r = await upload(a, adminA, csv(['Good Name,,,', ',,,', 'Bad Date,,1970-02-30,', 'Bad Country,,,Spain']), 'name=Broken&kind=pep');
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: { field: string }) => e.field)).toEqual(['line 3', 'line 4', 'line 5']);
    expect(r.json.detail ?? r.json.title ?? '').toBeTruthy();
    expect((await call(getLists, { host: a.host, token: adminA })).json.lists.length).toBe(before);
  });

  it('refuses a missing kind, a non-CSV body and a body over 5 MiB', async () => {
    expect((await upload(a, adminA, csv(['X Y,,,']), 'name=x')).status).toBe(400);
    expect((await upload(a, adminA, csv(['X Y,,,']), undefined, 'application/json')).status).toBe(415);
    const big = csv(Array.from({ length: 100_000 }, (_, i) => `Person Number ${i} With A Long Name Here,,1970-01-01,US;GB`));
    expect(Buffer.byteLength(big)).toBeGreaterThan(5 * 1024 * 1024);
    expect((await upload(a, adminA, big)).status).toBe(413);
  });

  it('only tenant admins upload or list; another tenant sees none of these lists', async () => {
    expect((await upload(a, officerA, csv(['X Y,,,']))).status).toBe(403);
    expect((await call(getLists, { host: a.host, token: officerA })).status).toBe(403);
    const listsB = await call(getLists, { host: b.host, token: adminB });
    expect(listsB.status).toBe(200);
    expect(listsB.json.lists).toEqual([]);
  });
});

describe('screening on KYC approval', () => {
  it('an accented, reordered name hits; the escrow stays held until a compliance officer decides', async () => {
    const p = await withHeldEscrow('José', 'Müller');
    await approveKyc(p.id);
    const hits = await hitsOf(a, p.id);
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ status: 'open' });
    expect(Number(hits[0]!.score)).toBeGreaterThanOrEqual(0.88);
    expect(await escrowStatus(a, p.id)).toEqual(['held']);

    const queue = await call(getHits, { host: a.host, token: officerA, path: '/api/compliance/screening/hits?status=open' });
    expect(queue.status).toBe(200);
    const item = queue.json.hits.find((h: { id: string }) => h.id === hits[0]!.id);
    expect(item).toMatchObject({ status: 'open', user: { id: p.id }, entry: { fullName: 'MULLER, Jose', countries: ['ES'], list: { name: 'OFAC SDN', kind: 'sanctions' } } });

    // Clearing the only open hit of an approved investor releases the money.
    const cleared = await call(decideHit, { host: a.host, token: officerA, params: { id: hits[0]!.id }, body: { decision: 'clear', note: 'different person: passport DOB 1990' } });
    expect(cleared.status).toBe(200);
    expect(cleared.json.escrow).toMatchObject({ released: 1 });
    expect(await escrowStatus(a, p.id)).toEqual(['released']);
    expect((await call(decideHit, { host: a.host, token: officerA, params: { id: hits[0]!.id }, body: { decision: 'confirm', note: 'changed my mind' } })).status).toBe(409);
    // A decided entry is not raised again for the same person.
    await withTenant(a.id, null, (t) => onKycDecision(t, p.id, 'approved'));
    expect((await hitsOf(a, p.id)).length).toBe(1);
  });

  it('an alias hits; confirming refunds the escrow as a rejection', async () => {
    const p = await withHeldEscrow('Pepe', 'Smith');
    await approveKyc(p.id);
    const [hit] = await hitsOf(a, p.id);
    expect(hit!.matched_on).toMatch(/^alias "Pepe Smith"/);
    const r = await call(decideHit, { host: a.host, token: adminA, params: { id: hit!.id }, body: { decision: 'confirm', note: 'same person per passport' } });
    expect(r.status).toBe(200);
    expect(await escrowStatus(a, p.id)).toEqual(['refunded']);
    const refund = await withTenant(a.id, null, (t) =>
      t.tx.selectFrom('escrow_refunds as r').innerJoin('escrow_investments as e', (j) => j.onRef('e.tenant_id', '=', 'r.tenant_id').onRef('e.id', '=', 'r.escrow_id')).select(['r.reason', 'r.note']).where('r.tenant_id', '=', a.id).where('e.investor_id', '=', p.id).executeTakeFirstOrThrow(),
    );
    expect(refund.reason).toBe('rejection');
    const audit = await withTenant(a.id, null, (t) => t.tx.selectFrom('audit_logs').select('action').where('tenant_id', '=', a.id).where('target_id', '=', hit!.id).execute());
    expect(audit.map((x) => x.action)).toEqual(expect.arrayContaining(['screening.hit_opened', 'screening.hit_confirmed']));
  });

  it('a near miss does not hit and the escrow is released straight away', async () => {
    const p = await withHeldEscrow('Jose', 'Martinez');
    await approveKyc(p.id);
    expect(await hitsOf(a, p.id)).toEqual([]);
    expect(await escrowStatus(a, p.id)).toEqual(['released']);
  });

  it('clearing a hit of someone whose KYC is not approved releases nothing', async () => {
    const p = await withHeldEscrow('Alexandra', 'Konstantinova');
    const screened = await call(screenNow, { host: a.host, token: officerA, params: { id: p.id } });
    expect(screened.status).toBe(200);
    expect(screened.json).toMatchObject({ opened: 1, openHits: 1 });
    const [hit] = await hitsOf(a, p.id);
    const r = await call(decideHit, { host: a.host, token: officerA, params: { id: hit!.id }, body: { decision: 'clear', note: 'not the listed person' } });
    expect(r.status).toBe(200);
    expect(await escrowStatus(a, p.id)).toEqual(['held']);
  });
});

describe('screening roles and isolation', () => {
  it('investors cannot see or decide hits; nobody decides a hit about themselves; other tenants get 404', async () => {
    const p = await person('Jose', 'Muller');
    const screened = await call(screenNow, { host: a.host, token: adminA, params: { id: p.id } });
    expect(screened.json.openHits).toBe(1);
    const [hit] = await hitsOf(a, p.id);
    expect((await call(getHits, { host: a.host, token: p.token })).status).toBe(403);
    expect((await call(decideHit, { host: a.host, token: p.token, params: { id: hit!.id }, body: { decision: 'clear', note: 'it is not me' } })).status).toBe(403);
    expect((await call(screenNow, { host: a.host, token: p.token, params: { id: p.id } })).status).toBe(403);

    const selfOfficer = await person('Jose', 'Müller');
    await withTenant(a.id, null, (t) => t.tx.insertInto('tenant_user_roles').values({ tenant_id: a.id, user_id: selfOfficer.id, role: 'compliance_officer' }).execute());
    await call(screenNow, { host: a.host, token: adminA, params: { id: selfOfficer.id } });
    const [own] = await hitsOf(a, selfOfficer.id);
    const selfToken = await tokenFor(a, selfOfficer.email);
    const self = await call(decideHit, { host: a.host, token: selfToken, params: { id: own!.id }, body: { decision: 'clear', note: 'that is not me' } });
    expect(self.status).toBe(403);
    expect(self.json.code).toBe('self_review');

    const officerB = await tokenFor(b, (await makeUser(b, ['compliance_officer'])).email);
    expect((await call(decideHit, { host: b.host, token: officerB, params: { id: hit!.id }, body: { decision: 'confirm', note: 'cross tenant' } })).status).toBe(404);
    const queueB = await call(getHits, { host: b.host, token: officerB });
    expect(queueB.json.hits).toEqual([]);
    // B has no lists, so the same name raises nothing there.
    const q = await person('Jose', 'Muller', b);
    expect((await call(screenNow, { host: b.host, token: officerB, params: { id: q.id } })).json).toMatchObject({ opened: 0, openHits: 0 });
    expect((await call(screenNow, { host: b.host, token: officerB, params: { id: p.id } })).status).toBe(404);
  });
});
