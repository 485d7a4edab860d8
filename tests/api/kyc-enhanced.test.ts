import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { GET as getApplication } from '../../src/app/api/compliance/kyc/applications/[id]/route';
import { POST as decide } from '../../src/app/api/compliance/kyc/applications/[id]/decision/route';
import { POST as decideHit } from '../../src/app/api/compliance/screening/hits/[id]/decision/route';
import { GET as ownKyc } from '../../src/app/api/investor/kyc/route';
import { POST as startApplication } from '../../src/app/api/investor/kyc/applications/route';
import { POST as uploadDocument } from '../../src/app/api/investor/kyc/applications/[id]/documents/route';
import { resetConfigCache } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { recordProviderHit } from '../../src/server/screening/service';
import { call } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// The 'enhanced' level with manual review, end to end over HTTP: the investor uploads an
// identity document, a selfie and a proof of address; the compliance officer records which
// checks passed; the level is granted only when identity + liveness + a proof of address at
// most three months old are on file and screening has nothing open or confirmed. A confirmed
// screening hit revokes it; clearing the last open one grants it.

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString().slice(0, 10);

let a: TestTenant;
let b: TestTenant;
let officer: { id: string; token: string };
let officerB: string;

async function tokenFor(email: string, tenant: TestTenant) {
  const r = await call(login, { host: tenant.host, body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return r.json.token as string;
}

async function newInvestor(tenant = a) {
  const u = await makeUser(tenant, ['investor']);
  return { ...u, token: await tokenFor(u.email, tenant) };
}

async function upload(token: string, applicationId: string, kind: string) {
  const req = new Request(`http://${a.host}/api/investor/kyc/applications/${applicationId}/documents?kind=${kind}`, {
    method: 'POST',
    headers: { host: a.host, authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'x-cdp-peer-address': '10.9.9.8' },
    body: new Uint8Array(PNG),
  });
  const res = await uploadDocument(req, { params: Promise.resolve({ id: applicationId }) });
  expect(res.status).toBe(201);
  return ((await res.json()) as { id: string }).id;
}

/** An application at `level` with the given documents uploaded; returns its id and document ids by kind. */
async function applyWith(inv: { token: string }, level: 'standard' | 'enhanced', kinds: string[]) {
  const started = await call(startApplication, { host: a.host, token: inv.token, body: { level } });
  expect(started.status).toBe(201);
  const id = started.json.application.id as string;
  const docs: Record<string, string> = {};
  for (const k of kinds) docs[k] = await upload(inv.token, id, k);
  return { id, docs };
}

const approve = (id: string, checks: unknown[], token = officer.token) => call(decide, { host: a.host, token, params: { id }, body: { decision: 'approve', checks } });
const allPassed = (docs: Record<string, string>, issuedOn = daysAgo(10)) => [
  { documentId: docs.passport, check: 'identity', outcome: 'passed' },
  { documentId: docs.selfie, check: 'liveness', outcome: 'passed' },
  { documentId: docs.proof_of_address, check: 'proof_of_address', outcome: 'passed', issuedOn },
];
const levelsOf = (userId: string) =>
  withTenant(a.id, null, (t) =>
    t.tx.selectFrom('user_verification_levels').select(['level', 'evidence', 'revoked_at']).where('tenant_id', '=', a.id).where('user_id', '=', userId).orderBy('id').execute(),
  );
const openHit = (userId: string, label: string) => withTenant(a.id, null, (t) => recordProviderHit(t, userId, { provider: 'sumsub', label }));

beforeAll(async () => {
  process.env.DATA_ENCRYPTION_KEY = randomBytes(32).toString('base64url');
  resetConfigCache();
  [a, b] = await Promise.all([makeTenant(), makeTenant()]);
  const o = await makeUser(a, ['compliance_officer']);
  officer = { id: o.id, token: await tokenFor(o.email, a) };
  officerB = await tokenFor((await makeUser(b, ['compliance_officer'])).email, b);
});

afterAll(async () => {
  await closePools();
});

describe('enhanced verification, manual review', () => {
  it('identity + selfie + recent proof of address, screening clear: enhanced is granted with its evidence', async () => {
    const inv = await newInvestor();
    const app = await applyWith(inv, 'enhanced', ['passport', 'selfie', 'proof_of_address']);
    const r = await approve(app.id, allPassed(app.docs));
    expect(r.status).toBe(200);
    expect(r.json).toMatchObject({ status: 'approved', levelRequested: 'enhanced', enhanced: { held: true, granted: true, missing: [] } });
    expect(r.json.checks).toHaveLength(3);
    expect(r.json.checks[2]).toMatchObject({ documentId: app.docs.proof_of_address, check: 'proof_of_address', outcome: 'passed', issuedOn: daysAgo(10), source: 'manual_review', reviewedBy: officer.id });

    expect((await call(ownKyc, { host: a.host, token: inv.token })).json).toMatchObject({ kycStatus: 'approved', verificationLevel: 'enhanced' });
    const levels = await levelsOf(inv.id);
    expect(levels.map((l) => l.level)).toEqual(['standard', 'enhanced']);
    expect(levels[1]!.evidence).toMatchObject({
      source: 'kyc_checks',
      applicationId: app.id,
      identity: { documentId: app.docs.passport, reviewedBy: officer.id },
      liveness: { documentId: app.docs.selfie },
      proofOfAddress: { documentId: app.docs.proof_of_address, issuedOn: daysAgo(10) },
      screening: { open: 0, confirmed: 0, clear: true },
    });
    // The reviewer sees the recorded checks on the application.
    const detail = await call(getApplication, { host: a.host, token: officer.token, params: { id: app.id } });
    expect(detail.json.checks.map((c: { check: string }) => c.check)).toEqual(['identity', 'liveness', 'proof_of_address']);
    expect((await call(startApplication, { host: a.host, token: inv.token, body: { level: 'enhanced' } })).json.code).toBe('kyc_level_already_held');
  });

  it('a verified investor adds selfie and proof of address later; a stale proof of address (older than 3 months) grants nothing and leaves KYC approved', async () => {
    const inv = await newInvestor();
    const std = await applyWith(inv, 'standard', ['passport']);
    expect((await call(decide, { host: a.host, token: officer.token, params: { id: std.id }, body: { decision: 'approve' } })).status).toBe(200);

    const stale = await applyWith(inv, 'enhanced', ['selfie', 'proof_of_address']);
    // Starting the upgrade does not put the verified identity back to pending.
    expect((await call(ownKyc, { host: a.host, token: inv.token })).json).toMatchObject({ kycStatus: 'approved', verificationLevel: 'standard' });
    const r = await approve(stale.id, [
      { documentId: stale.docs.selfie, check: 'liveness', outcome: 'passed' },
      { documentId: stale.docs.proof_of_address, check: 'proof_of_address', outcome: 'passed', issuedOn: daysAgo(100) },
    ]);
    expect(r.status).toBe(200);
    expect(r.json.enhanced).toMatchObject({ granted: false, missing: ['proof_of_address_too_old'] });
    expect((await call(ownKyc, { host: a.host, token: inv.token })).json).toMatchObject({ kycStatus: 'approved', verificationLevel: 'standard' });

    const fresh = await applyWith(inv, 'enhanced', ['proof_of_address']);
    const ok = await approve(fresh.id, [{ documentId: fresh.docs.proof_of_address, check: 'proof_of_address', outcome: 'passed', issuedOn: daysAgo(5) }]);
    expect(ok.json.enhanced).toMatchObject({ granted: true });
    const enhanced = (await levelsOf(inv.id)).find((l) => l.level === 'enhanced')!;
    // Identity from the first application, liveness from the second, address from the third.
    expect(enhanced.evidence).toMatchObject({ identity: { applicationId: std.id, source: 'approved_application' }, liveness: { applicationId: stale.id }, proofOfAddress: { applicationId: fresh.id } });
  });

  it('a rejected upgrade does not un-verify the identity', async () => {
    const inv = await newInvestor();
    const std = await applyWith(inv, 'standard', ['id_card']);
    await call(decide, { host: a.host, token: officer.token, params: { id: std.id }, body: { decision: 'approve' } });
    const up = await applyWith(inv, 'enhanced', ['selfie']);
    const r = await call(decide, { host: a.host, token: officer.token, params: { id: up.id }, body: { decision: 'reject', reason: 'selfie does not match', checks: [{ documentId: up.docs.selfie, check: 'liveness', outcome: 'failed' }] } });
    expect(r.status).toBe(200);
    expect((await call(ownKyc, { host: a.host, token: inv.token })).json).toMatchObject({ kycStatus: 'approved', verificationLevel: 'standard' });
  });

  it('refuses checks that do not fit the documents, naming the field', async () => {
    const inv = await newInvestor();
    const app = await applyWith(inv, 'enhanced', ['passport', 'selfie', 'proof_of_address']);
    const other = await applyWith(await newInvestor(), 'enhanced', ['selfie']);
    const cases: [unknown[], string][] = [
      [[{ documentId: app.docs.selfie, check: 'proof_of_address', outcome: 'passed', issuedOn: daysAgo(1) }], 'checks.0.check'],
      [[{ documentId: other.docs.selfie, check: 'liveness', outcome: 'passed' }], 'checks.0.documentId'],
      [[{ documentId: app.docs.proof_of_address, check: 'proof_of_address', outcome: 'passed' }], 'checks.0.issuedOn'],
      [[{ documentId: app.docs.proof_of_address, check: 'proof_of_address', outcome: 'passed', issuedOn: '2999-01-01' }], 'checks.0.issuedOn'],
      [[{ documentId: app.docs.selfie, check: 'liveness', outcome: 'passed', issuedOn: daysAgo(1) }], 'checks.0.issuedOn'],
    ];
    for (const [checks, field] of cases) {
      const r = await approve(app.id, checks);
      expect(r.status, field).toBe(400);
      expect(r.json.errors.map((e: { field: string }) => e.field)).toContain(field);
    }
    const failedIdentity = await approve(app.id, [{ documentId: app.docs.passport, check: 'identity', outcome: 'failed' }]);
    expect(failedIdentity.json.code).toBe('identity_check_failed');
    // Nothing was written by the refused decisions.
    expect((await call(getApplication, { host: a.host, token: officer.token, params: { id: app.id } })).json).toMatchObject({ status: 'submitted', checks: [] });
  });

  it('role checks and tenant isolation on the review', async () => {
    const inv = await newInvestor();
    const app = await applyWith(inv, 'enhanced', ['passport', 'selfie', 'proof_of_address']);
    expect((await approve(app.id, allPassed(app.docs), inv.token)).status).toBe(403);
    const otherInvestor = await newInvestor();
    expect((await approve(app.id, allPassed(app.docs), otherInvestor.token)).status).toBe(403);
    expect((await call(decide, { host: b.host, token: officerB, params: { id: app.id }, body: { decision: 'approve', checks: allPassed(app.docs) } })).status).toBe(404);
    expect((await call(getApplication, { host: b.host, token: officerB, params: { id: app.id } })).status).toBe(404);
    expect((await levelsOf(inv.id)).map((l) => l.level)).not.toContain('enhanced');
    // The officer's own application is not theirs to decide.
    const selfApp = await call(startApplication, { host: a.host, token: officer.token, body: { level: 'enhanced' } });
    expect((await call(decide, { host: a.host, token: officer.token, params: { id: selfApp.json.application.id }, body: { decision: 'approve' } })).status).toBe(403);
  });
});

describe('enhanced and sanctions / PEP screening', () => {
  it('an open hit withholds enhanced; clearing it grants it; a confirmed hit revokes it (history kept)', async () => {
    const inv = await newInvestor();
    const first = await openHit(inv.id, 'PEP');
    const app = await applyWith(inv, 'enhanced', ['passport', 'selfie', 'proof_of_address']);
    const r = await approve(app.id, allPassed(app.docs));
    expect(r.json).toMatchObject({ status: 'approved', enhanced: { granted: false, missing: ['screening_hit_open'] } });
    expect((await call(ownKyc, { host: a.host, token: inv.token })).json.verificationLevel).toBe('standard');

    const cleared = await call(decideHit, { host: a.host, token: officer.token, params: { id: first.hitId }, body: { decision: 'clear', note: 'different person, other date of birth' } });
    expect(cleared.status).toBe(200);
    expect(cleared.json.level).toEqual({ granted: true });
    expect((await call(ownKyc, { host: a.host, token: inv.token })).json.verificationLevel).toBe('enhanced');

    const second = await openHit(inv.id, 'SANCTIONS');
    const confirmed = await call(decideHit, { host: a.host, token: officer.token, params: { id: second.hitId }, body: { decision: 'confirm', note: 'matches the OFAC entry' } });
    expect(confirmed.status).toBe(200);
    expect(confirmed.json.level).toEqual({ revoked: 1 });
    expect((await call(ownKyc, { host: a.host, token: inv.token })).json.verificationLevel).toBe('standard');
    const enhanced = (await levelsOf(inv.id)).filter((l) => l.level === 'enhanced');
    expect(enhanced).toHaveLength(1);
    expect(enhanced[0]!.revoked_at).not.toBeNull();
    const audited = await withTenant(a.id, null, (t) => t.tx.selectFrom('audit_logs').select('metadata').where('tenant_id', '=', a.id).where('action', '=', 'kyc.level_revoked').where('target_id', '=', inv.id).execute());
    expect(audited[0]!.metadata).toMatchObject({ level: 'enhanced', why: 'screening_hit_confirmed', hitId: second.hitId });
  });

  it('screening hit decisions stay with compliance officers and tenant admins of the tenant', async () => {
    const inv = await newInvestor();
    const hit = await openHit(inv.id, 'ADVERSE_MEDIA');
    expect((await call(decideHit, { host: a.host, token: inv.token, params: { id: hit.hitId }, body: { decision: 'clear', note: 'not me at all' } })).status).toBe(403);
    expect((await call(decideHit, { host: b.host, token: officerB, params: { id: hit.hitId }, body: { decision: 'clear', note: 'other tenant' } })).status).toBe(404);
  });
});
