import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as login } from '../../src/app/api/auth/login/route';
import { GET as listApplications } from '../../src/app/api/compliance/kyc/applications/route';
import { GET as getApplication } from '../../src/app/api/compliance/kyc/applications/[id]/route';
import { POST as decide } from '../../src/app/api/compliance/kyc/applications/[id]/decision/route';
import { GET as getDocument } from '../../src/app/api/compliance/kyc/applications/[id]/documents/[documentId]/route';
import { GET as ownKyc } from '../../src/app/api/investor/kyc/route';
import { POST as startApplication } from '../../src/app/api/investor/kyc/applications/route';
import { POST as uploadDocument } from '../../src/app/api/investor/kyc/applications/[id]/documents/route';
import { GET as auditLogs } from '../../src/app/api/admin/audit-logs/route';
import { resetConfigCache } from '../../src/server/config';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { reviewQueueSize } from '../../src/server/kyc/review';
import { resolveTenant } from '../../src/server/tenancy/resolve';
import { getConfig } from '../../src/server/config';
import { call } from '../helpers/api';
import { makeTenant, makeUser, PASSWORD, type TestTenant } from '../helpers/tenants';

// The built-in manual review end to end over HTTP: an investor starts an application and
// uploads documents (stored encrypted), a compliance officer reviews and approves, and the
// investor's profile shows the result; with role checks and tenant isolation on every step.

const PNG = Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), randomBytes(64)]);

let a: TestTenant;
let b: TestTenant;
let officerToken: string;
let adminTokenA: string;

async function tokenFor(email: string, tenant: TestTenant) {
  const r = await call(login, { host: tenant.host, body: { email, password: PASSWORD } });
  expect(r.status).toBe(200);
  return r.json.token as string;
}

async function newInvestor(tenant: TestTenant) {
  const u = await makeUser(tenant, ['investor']);
  return { ...u, token: await tokenFor(u.email, tenant) };
}

/** Uploads raw bytes as the request body (binary; the shared helper sends strings). */
async function upload(tenant: TestTenant, token: string, applicationId: string, kind: string, bytes: Buffer) {
  const req = new Request(`http://${tenant.host}/api/investor/kyc/applications/${applicationId}/documents?kind=${kind}`, {
    method: 'POST',
    headers: { host: tenant.host, authorization: `Bearer ${token}`, 'content-type': 'application/octet-stream', 'x-cdp-peer-address': '10.9.9.9' },
    body: new Uint8Array(bytes),
  });
  const res = await uploadDocument(req, { params: Promise.resolve({ id: applicationId }) });
  return { status: res.status, json: await res.json() };
}

beforeAll(async () => {
  process.env.DATA_ENCRYPTION_KEY = randomBytes(32).toString('base64url');
  resetConfigCache();
  a = await makeTenant();
  b = await makeTenant();
  const officer = await makeUser(a, ['compliance_officer']);
  officerToken = await tokenFor(officer.email, a);
  adminTokenA = await tokenFor(a.admin.email, a);
});

afterAll(async () => {
  await closePools();
});

describe('manual KYC review', () => {
  it('submit, upload, approve: the profile shows approved with level standard and the evidence is recorded', async () => {
    const inv = await newInvestor(a);
    const before = await call(ownKyc, { host: a.host, token: inv.token });
    expect(before.json).toMatchObject({ provider: 'manual', kycStatus: 'not_started', applications: [] });

    const started = await call(startApplication, { host: a.host, token: inv.token, body: {} });
    expect(started.status).toBe(201);
    expect(started.json.application).toMatchObject({ provider: 'manual', status: 'submitted', levelRequested: 'standard' });
    const appId = started.json.application.id as string;
    // Starting again returns the open application instead of a second one.
    const again = await call(startApplication, { host: a.host, token: inv.token, body: {} });
    expect(again.status).toBe(200);
    expect(again.json.application.id).toBe(appId);

    // An approval needs an identity document: a selfie alone is not enough.
    expect((await upload(a, inv.token, appId, 'selfie', PNG)).status).toBe(201);
    const early = await call(decide, { host: a.host, token: officerToken, params: { id: appId }, body: { decision: 'approve' } });
    expect(early.status).toBe(409);
    expect(early.json.code).toBe('identity_document_required');

    const doc = await upload(a, inv.token, appId, 'passport', PNG);
    expect(doc.status).toBe(201);
    expect(doc.json).toMatchObject({ kind: 'passport', mime: 'image/png', size: PNG.length, encrypted: true });
    expect((await upload(a, inv.token, appId, 'passport', Buffer.from('#!/bin/sh\nrm -rf /\n'))).status).toBe(415);
    expect((await upload(a, inv.token, appId, 'tax_return', PNG)).status).toBe(400);

    const list = await call(listApplications, { host: a.host, token: officerToken });
    expect(list.status).toBe(200);
    const row = list.json.applications.find((x: { id: string }) => x.id === appId);
    expect(row).toMatchObject({ status: 'submitted', documentCount: 2, applicant: { userId: inv.id, email: inv.email } });

    const detail = await call(getApplication, { host: a.host, token: officerToken, params: { id: appId } });
    expect(detail.json.documents.map((d: { kind: string }) => d.kind)).toEqual(['selfie', 'passport']);

    // The officer reads the document back decrypted; on disk it is ciphertext.
    const req = new Request(`http://${a.host}/x`, { headers: { host: a.host, authorization: `Bearer ${officerToken}` } });
    const file = await getDocument(req, { params: Promise.resolve({ id: appId, documentId: doc.json.id }) });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);
    const stored = await withTenant(a.id, null, (t) => t.tx.selectFrom('kyc_documents').select(['cid', 'encrypted']).where('tenant_id', '=', a.id).where('id', '=', doc.json.id).executeTakeFirstOrThrow());
    expect(stored.encrypted).toBe(true);
    const onDisk = await readFile(path.join(process.env.DATA_DIR!, 'files', stored.cid.slice(-3, -1), stored.cid));
    expect(onDisk.includes(PNG.subarray(8))).toBe(false);

    const approved = await call(decide, { host: a.host, token: officerToken, params: { id: appId }, body: { decision: 'approve', reason: 'passport matches selfie' } });
    expect(approved.status).toBe(200);
    expect(approved.json.status).toBe('approved');

    const after = await call(ownKyc, { host: a.host, token: inv.token });
    expect(after.json).toMatchObject({ kycStatus: 'approved', verificationLevel: 'standard' });
    expect(after.json.applications[0]).toMatchObject({ id: appId, status: 'approved', decisionReason: 'passport matches selfie' });
    const levels = await withTenant(a.id, null, (t) => t.tx.selectFrom('user_verification_levels').select(['level', 'evidence']).where('tenant_id', '=', a.id).where('user_id', '=', inv.id).execute());
    expect(levels).toEqual([{ level: 'standard', evidence: expect.objectContaining({ applicationId: appId, provider: 'manual', source: 'manual_review', documents: expect.arrayContaining([expect.objectContaining({ kind: 'passport' })]) }) }]);

    // Decided applications are closed: no second decision, no more uploads, no new application.
    expect((await call(decide, { host: a.host, token: officerToken, params: { id: appId }, body: { decision: 'reject', reason: 'changed my mind' } })).json.code).toBe('application_not_reviewable');
    expect((await upload(a, inv.token, appId, 'other', PNG)).json.code).toBe('application_closed');
    expect((await call(startApplication, { host: a.host, token: inv.token, body: {} })).json.code).toBe('kyc_already_approved');

    const log = await call(auditLogs, { host: a.host, token: adminTokenA, path: '/api/admin/audit-logs?action=kyc.approve' });
    expect(log.json.entries.some((e: { targetId: string }) => e.targetId === appId)).toBe(true);
  });

  it('retry asks for more documents; resubmitting puts the application back in the queue; reject needs a reason', async () => {
    const inv = await newInvestor(a);
    const appId = (await call(startApplication, { host: a.host, token: inv.token, body: {} })).json.application.id;
    expect((await call(decide, { host: a.host, token: officerToken, params: { id: appId }, body: { decision: 'retry' } })).status).toBe(400);
    const retry = await call(decide, { host: a.host, token: officerToken, params: { id: appId }, body: { decision: 'retry', reason: 'The photo is blurred' } });
    expect(retry.json.status).toBe('retry');
    expect((await call(ownKyc, { host: a.host, token: inv.token })).json.kycStatus).toBe('retry');
    expect((await upload(a, inv.token, appId, 'id_card', PNG)).status).toBe(201);
    const resubmitted = await call(startApplication, { host: a.host, token: inv.token, body: {} });
    expect(resubmitted.json.application).toMatchObject({ id: appId, status: 'submitted' });
    const rejected = await call(decide, { host: a.host, token: adminTokenA, params: { id: appId }, body: { decision: 'reject', reason: 'Document is forged' } });
    expect(rejected.json).toMatchObject({ status: 'rejected', decisionReason: 'Document is forged' });
    expect((await call(ownKyc, { host: a.host, token: inv.token })).json).toMatchObject({ kycStatus: 'rejected', verificationLevel: 'basic' });
  });

  it('the dashboard queue size counts applications waiting for a decision, per tenant, without auditing a read of applicant data', async () => {
    const t = await makeTenant();
    const admin = await makeUser(t, ['tenant_admin']);
    const tenant = (await resolveTenant(t.host, getConfig().PLATFORM_BASE_DOMAIN))!;
    const principal = { userId: admin.id, role: 'tenant_admin', roles: ['tenant_admin'] } as never;
    expect(await reviewQueueSize(tenant, principal)).toBe(0);
    for (let i = 0; i < 2; i++) {
      const inv = await newInvestor(t);
      expect((await call(startApplication, { host: t.host, token: inv.token, body: {} })).status).toBe(201);
    }
    await newInvestor(a).then((inv) => call(startApplication, { host: a.host, token: inv.token, body: {} }));
    expect(await reviewQueueSize(tenant, principal)).toBe(2);
    const listed = await withTenant(t.id, null, (x) => x.tx.selectFrom('audit_logs').select('id').where('tenant_id', '=', t.id).where('action', '=', 'kyc.applications_listed').execute());
    expect(listed).toHaveLength(0);
  });

  it('every review endpoint refuses investors (403), and nobody decides their own application', async () => {
    const inv = await newInvestor(a);
    const appId = (await call(startApplication, { host: a.host, token: inv.token, body: {} })).json.application.id;
    const req = (token: string) => new Request(`http://${a.host}/x`, { headers: { host: a.host, authorization: `Bearer ${token}` } });
    const statuses = [
      (await call(listApplications, { host: a.host, token: inv.token })).status,
      (await call(getApplication, { host: a.host, token: inv.token, params: { id: appId } })).status,
      (await call(decide, { host: a.host, token: inv.token, params: { id: appId }, body: { decision: 'approve' } })).status,
      (await getDocument(req(inv.token), { params: Promise.resolve({ id: appId, documentId: appId }) })).status,
    ];
    expect(statuses).toEqual([403, 403, 403, 403]);
    expect((await call(listApplications, { host: a.host })).status).toBe(401);

    // A compliance officer who is also an investor cannot approve themselves.
    const officer = await makeUser(a, ['compliance_officer', 'investor']);
    const token = await tokenFor(officer.email, a);
    const own = (await call(startApplication, { host: a.host, token, body: {} })).json.application.id;
    await upload(a, token, own, 'passport', PNG);
    const self = await call(decide, { host: a.host, token, params: { id: own }, body: { decision: 'approve' } });
    expect(self.status).toBe(403);
    expect(self.json.code).toBe('self_review');
    expect((await call(ownKyc, { host: a.host, token })).json.kycStatus).toBe('pending');
  });

  it("keeps tenants apart: tenant A's application id on tenant B is 404 for every endpoint", async () => {
    const inv = await newInvestor(a);
    const appId = (await call(startApplication, { host: a.host, token: inv.token, body: {} })).json.application.id;
    const doc = await upload(a, inv.token, appId, 'passport', PNG);
    const officerB = await makeUser(b, ['compliance_officer']);
    const tokenB = await tokenFor(officerB.email, b);
    const investorB = await newInvestor(b);

    expect((await call(getApplication, { host: b.host, token: tokenB, params: { id: appId } })).status).toBe(404);
    expect((await call(decide, { host: b.host, token: tokenB, params: { id: appId }, body: { decision: 'approve' } })).status).toBe(404);
    const req = new Request(`http://${b.host}/x`, { headers: { host: b.host, authorization: `Bearer ${tokenB}` } });
    expect((await getDocument(req, { params: Promise.resolve({ id: appId, documentId: doc.json.id }) })).status).toBe(404);
    expect((await upload(b, investorB.token, appId, 'passport', PNG)).status).toBe(404);
    expect((await call(listApplications, { host: b.host, token: tokenB, path: '/api/compliance/kyc/applications?status=submitted' })).json.applications.some((x: { id: string }) => x.id === appId)).toBe(false);
    // A's token is refused on B's host altogether.
    expect((await call(ownKyc, { host: b.host, token: inv.token })).status).toBe(401);
    // Another investor of the same tenant cannot upload into someone else's application.
    const other = await newInvestor(a);
    expect((await upload(a, other.token, appId, 'passport', PNG)).status).toBe(404);
    expect((await call(getApplication, { host: a.host, token: officerToken, params: { id: appId } })).json.status).toBe('submitted');
  });
});
