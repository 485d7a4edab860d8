import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GET as auditLogs } from '../../src/app/api/admin/audit-logs/route';
import { GET as download } from '../../src/app/api/documents/[id]/route';
import { GET as myDocuments, POST as uploadMine } from '../../src/app/api/investor/documents/route';
import { GET as kyc } from '../../src/app/api/investor/kyc/route';
import { GET as profile } from '../../src/app/api/profile/route';
import { GET as settings, PATCH as patchSettings } from '../../src/app/api/profile/settings/route';
import { GET as verification } from '../../src/app/api/profile/verification/route';
import { DELETE as unlinkAlias, GET as wallets } from '../../src/app/api/profile/wallet/route';
import { closePools } from '../../src/server/db/pool';
import { call } from '../helpers/api';
import { pdf } from '../helpers/compliance';
import { tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// The seed's investor routes: /api/investor/documents (a thin route over the documents
// service) and /api/profile/settings|wallet|verification (the same services as /api/profile,
// /api/wallet/link and /api/investor/kyc; docs/api-aliases.md).

let a: TestTenant;
let b: TestTenant;
let investor: { id: string; email: string; token: string };
let other: { id: string; email: string; token: string };
let issuerOnly: string;
let adminA: string;

const uploadAs = (token: string, query: string, bytes: Uint8Array, host = a.host) =>
  call(uploadMine, { host, token, path: `/api/investor/documents?${query}`, method: 'POST', rawBody: bytes, headers: { 'content-type': 'application/pdf' } });

beforeAll(async () => {
  [a, b] = await Promise.all([makeTenant(), makeTenant()]);
  const [u, o, i] = await Promise.all([makeUser(a, ['investor']), makeUser(a, ['investor']), makeUser(a, ['issuer'])]);
  investor = { ...u, token: await tokenFor(a, u.email) };
  other = { ...o, token: await tokenFor(a, o.email) };
  issuerOnly = await tokenFor(a, i.email);
  adminA = await tokenFor(a, a.admin.email);
});

afterAll(async () => {
  await closePools();
});

describe('/api/investor/documents', () => {
  it('uploads an own document (audited), lists it, and serves it to its owner and reviewers only', async () => {
    const r = await uploadAs(investor.token, 'title=Bank%20statement&kind=proof_of_funds&fileName=statement.pdf', pdf('funds'));
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ title: 'Bank statement', kind: 'proof_of_funds' });
    const list = await call(myDocuments, { host: a.host, token: investor.token });
    expect(list.json.documents.map((d: { id: string }) => d.id)).toEqual([r.json.id]);
    expect((await call(myDocuments, { host: a.host, token: other.token })).json.documents).toEqual([]);

    expect((await call(download, { host: a.host, token: investor.token, params: { id: r.json.id } })).status).toBe(200);
    expect((await call(download, { host: a.host, token: adminA, params: { id: r.json.id } })).status).toBe(200);
    expect((await call(download, { host: a.host, token: other.token, params: { id: r.json.id } })).status).toBe(404);

    const log = await call(auditLogs, { host: a.host, token: adminA, path: `/api/admin/audit-logs?action=document.created&targetId=${r.json.id}` });
    expect(log.json.entries[0].actorId).toBe(investor.id);
    expect(log.json.entries[0].metadata.ownerType).toBe('investor');
  });

  it('names a bad kind, refuses an empty body, is for investors, and keeps tenants apart', async () => {
    const bad = await uploadAs(investor.token, 'title=x&kind=passport_scan&fileName=x.pdf', pdf('x'));
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('kind');
    expect((await uploadAs(investor.token, 'title=x&kind=other&fileName=x.pdf', new Uint8Array())).status).toBe(400);
    expect((await uploadAs(issuerOnly, 'title=x&kind=other&fileName=x.pdf', pdf('x'))).status).toBe(403);
    // A token of tenant A is not a session on tenant B.
    expect((await call(myDocuments, { host: b.host, token: investor.token })).status).toBe(401);
  });
});

describe('/api/profile/settings, wallet and verification', () => {
  it('answer as the routes they mirror', async () => {
    const s = await call(settings, { host: a.host, token: investor.token });
    expect(s.status).toBe(200);
    expect(s.json).toEqual((await call(profile, { host: a.host, token: investor.token })).json);
    const patched = await call(patchSettings, { host: a.host, token: investor.token, method: 'PATCH', body: { firstName: 'Renamed' } });
    expect(patched.status).toBe(200);
    expect((await call(profile, { host: a.host, token: investor.token })).json.firstName).toBe('Renamed');
    expect((await call(patchSettings, { host: a.host, token: investor.token, method: 'PATCH', body: { firstName: 42 } })).status).toBe(400);

    const v = await call(verification, { host: a.host, token: investor.token });
    expect(v.status).toBe(200);
    expect(v.json).toEqual((await call(kyc, { host: a.host, token: investor.token })).json);

    const w = await call(wallets, { host: a.host, token: investor.token });
    expect(w.status).toBe(200);
    expect(w.json.wallets).toEqual([]);
    const unlink = await call(unlinkAlias, { host: a.host, token: investor.token, method: 'DELETE', body: { address: '0x0000000000000000000000000000000000000001' } });
    expect([200, 404]).toContain(unlink.status);

    for (const h of [settings, verification, wallets]) expect((await call(h, { host: a.host })).status).toBe(401);
  });
});
