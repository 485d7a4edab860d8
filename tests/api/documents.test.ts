import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as listIssuerDocsAdmin } from '../../src/app/api/admin/issuers/[id]/documents/route';
import { GET as listDealDocs, POST as uploadDealDoc } from '../../src/app/api/deals/[id]/documents/route';
import { DELETE as archiveDealDoc, PATCH as patchDealDoc } from '../../src/app/api/deals/[id]/documents/[itemId]/route';
import { GET as accessLog } from '../../src/app/api/documents/[id]/access-log/route';
import { GET as download } from '../../src/app/api/documents/[id]/route';
import { POST as uploadVersion } from '../../src/app/api/documents/[id]/versions/route';
import { GET as listIssuerDocs, POST as uploadIssuerDoc } from '../../src/app/api/issuer/documents/route';
import { POST as createDeal } from '../../src/app/api/issuer/deals/route';
import { withTenant } from '../../src/server/db/tenant';
import { computeCid } from '../../src/server/storage';
import { call } from '../helpers/api';
import { baseDeal, makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

const pdf = (label: string) => new TextEncoder().encode(`%PDF-1.7\n% ${label} ${randomBytes(8).toString('hex')}\n%%EOF\n`);
const octet = { 'content-type': 'application/octet-stream' };

let tenant: TestTenant;
let other: TestTenant;
let adminToken: string;
let issuer: Awaited<ReturnType<typeof makeVerifiedIssuer>>;
let investorToken: string;
let investorId: string;
let dealId: string;

function upload(t: TestTenant, token: string, id: string, bytes: Uint8Array, q = 'title=Term%20sheet&kind=term_sheet&fileName=terms.pdf') {
  return call(uploadDealDoc, { host: t.host, token, params: { id }, path: `/api/deals/${id}/documents?${q}`, method: 'POST', rawBody: bytes, headers: octet });
}
function get(token: string | undefined, id: string, version?: number) {
  return call(download, { host: tenant.host, token, params: { id }, path: `/api/documents/${id}${version ? `?version=${version}` : ''}` });
}
async function getBytes(token: string, id: string, version?: number) {
  const req = new Request(`http://${tenant.host}/api/documents/${id}${version ? `?version=${version}` : ''}`, { headers: { host: tenant.host, authorization: `Bearer ${token}`, 'x-cdp-peer-address': '10.9.9.9', 'user-agent': 'vitest-agent' } });
  const res = await download(req, { params: Promise.resolve({ id }) });
  return { res, bytes: new Uint8Array(await res.arrayBuffer()) };
}

beforeAll(async () => {
  tenant = await makeTenant();
  other = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuer = await makeVerifiedIssuer(tenant, adminToken);
  const investor = await makeUser(tenant);
  investorId = investor.id;
  investorToken = await tokenFor(tenant, investor.email);
  dealId = (await makeActiveDeal(tenant, issuer.token, adminToken)).id;
});

describe('deal documents', () => {
  it('stores an upload under the IPFS CID of its bytes, with the sniffed type and the required flag', async () => {
    const bytes = pdf('terms v1');
    const r = await upload(tenant, issuer.token, dealId, bytes, 'title=Subscription%20agreement&kind=subscription_agreement&fileName=sub.pdf&requiredForInvestors=true');
    expect(r.status).toBe(201);
    expect(r.json.versions).toHaveLength(1);
    expect(r.json.versions[0].cid).toBe(await computeCid(bytes));
    expect(r.json.versions[0].mime).toBe('application/pdf');
    expect(r.json.requiredForInvestors).toBe(true);
    expect(r.json.currentVersion).toBe(1);
    const list = await call(listDealDocs, { host: tenant.host, params: { id: dealId } });
    expect(list.status).toBe(200);
    expect(list.json.documents.map((d: any) => d.id)).toContain(r.json.id);
  });

  it('a new version increments the number, and the old version is still downloadable', async () => {
    const v1 = pdf('v1');
    const v2 = pdf('v2');
    const doc = (await upload(tenant, issuer.token, dealId, v1)).json;
    const r = await call(uploadVersion, { host: tenant.host, token: issuer.token, params: { id: doc.id }, path: `/api/documents/${doc.id}/versions?fileName=terms-v2.pdf`, method: 'POST', rawBody: v2, headers: octet });
    expect(r.status).toBe(201);
    expect(r.json.currentVersion).toBe(2);
    expect(r.json.versions.map((v: any) => v.version)).toEqual([2, 1]);
    expect(Buffer.from((await getBytes(investorToken, doc.id)).bytes)).toEqual(Buffer.from(v2));
    const old = await getBytes(investorToken, doc.id, 1);
    expect(old.res.status).toBe(200);
    expect(Buffer.from(old.bytes)).toEqual(Buffer.from(v1));
    expect((await get(investorToken, doc.id, 3)).status).toBe(404);
  });

  it('a download is an attachment with a safe type, and writes an access log row', async () => {
    const doc = (await upload(tenant, issuer.token, dealId, pdf('logged'))).json;
    const { res } = await getBytes(investorToken, doc.id);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('content-disposition')).toMatch(/^attachment; filename="terms\.pdf"/);
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(res.headers.get('cache-control')).toBe('private, no-store');
    const rows = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('document_access_logs').selectAll().where('tenant_id', '=', tenant.id).where('document_id', '=', doc.id).execute());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ user_id: investorId, version: 1, action: 'download', ip: '10.9.9.9', user_agent: 'vitest-agent' });
    const log = await call(accessLog, { host: tenant.host, token: issuer.token, params: { id: doc.id } });
    expect(log.status).toBe(200);
    expect(log.json.entries[0].userId).toBe(investorId);
    expect((await call(accessLog, { host: tenant.host, token: investorToken, params: { id: doc.id } })).status).toBe(404);
  });

  it('needs sign-in to download', async () => {
    const doc = (await upload(tenant, issuer.token, dealId, pdf('anon'))).json;
    expect((await get(undefined, doc.id)).status).toBe(401);
  });

  it('refuses an HTML file with 415 and an oversized one with 413', async () => {
    const html = await upload(tenant, issuer.token, dealId, new TextEncoder().encode('<!doctype html><html><script>alert(1)</script></html>'), 'title=x&kind=other&fileName=x.pdf');
    expect(html.status).toBe(415);
    expect(html.json.code).toBe('unsupported_file_type');
    const big = new Uint8Array(25 * 1024 * 1024 + 1);
    big.set(pdf('big'));
    const tooBig = await upload(tenant, issuer.token, dealId, big);
    expect(tooBig.status).toBe(413);
    expect(tooBig.json.code).toBe('file_too_large');
  });

  it('names a missing upload field', async () => {
    const r = await upload(tenant, issuer.token, dealId, pdf('x'), 'kind=other&fileName=x.pdf');
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: any) => e.field)).toContain('title');
  });

  it('another issuer of the same tenant cannot add documents to the deal (404), nor a new version', async () => {
    const stranger = await makeVerifiedIssuer(tenant, adminToken);
    expect((await upload(tenant, stranger.token, dealId, pdf('intruder'))).status).toBe(404);
    const doc = (await upload(tenant, issuer.token, dealId, pdf('mine'))).json;
    const r = await call(uploadVersion, { host: tenant.host, token: stranger.token, params: { id: doc.id }, path: `/api/documents/${doc.id}/versions?fileName=x.pdf`, method: 'POST', rawBody: pdf('x'), headers: octet });
    expect(r.status).toBe(404);
    expect((await call(patchDealDoc, { host: tenant.host, token: stranger.token, params: { id: dealId, itemId: doc.id }, method: 'PATCH', body: { requiredForInvestors: true } })).status).toBe(404);
  });

  it('cross-tenant deal and document ids answer 404', async () => {
    const otherAdmin = await tokenFor(other, other.admin.email);
    const otherIssuer = await makeVerifiedIssuer(other, otherAdmin);
    expect((await upload(other, otherIssuer.token, dealId, pdf('x'))).status).toBe(404);
    expect((await call(listDealDocs, { host: other.host, params: { id: dealId } })).status).toBe(404);
    const doc = (await upload(tenant, issuer.token, dealId, pdf('x'))).json;
    expect((await call(download, { host: other.host, token: otherAdmin, params: { id: doc.id } })).status).toBe(404);
  });

  it('archiving hides a document from investors but not from its issuer', async () => {
    const doc = (await upload(tenant, issuer.token, dealId, pdf('old'))).json;
    const patched = await call(patchDealDoc, { host: tenant.host, token: issuer.token, params: { id: dealId, itemId: doc.id }, method: 'PATCH', body: { requiredForInvestors: true, title: 'Renamed' } });
    expect(patched.status).toBe(200);
    expect(patched.json).toMatchObject({ requiredForInvestors: true, title: 'Renamed' });
    expect((await call(archiveDealDoc, { host: tenant.host, token: issuer.token, params: { id: dealId, itemId: doc.id }, method: 'DELETE' })).json.archived).toBe(true);
    expect((await get(investorToken, doc.id)).status).toBe(404);
    expect((await get(issuer.token, doc.id)).status).toBe(200);
    const list = await call(listDealDocs, { host: tenant.host, token: investorToken, params: { id: dealId } });
    expect(list.json.documents.map((d: any) => d.id)).not.toContain(doc.id);
  });

  it('documents of an unpublished deal are hidden from investors', async () => {
    const draft = await call(createDeal, { host: tenant.host, token: issuer.token, body: { ...baseDeal, title: 'Draft deal docs' } });
    expect(draft.status).toBe(201);
    const doc = await upload(tenant, issuer.token, draft.json.id, pdf('draft'));
    expect(doc.status).toBe(201);
    expect((await call(listDealDocs, { host: tenant.host, token: investorToken, params: { id: draft.json.id } })).status).toBe(404);
    expect((await get(investorToken, doc.json.id)).status).toBe(404);
    expect((await get(adminToken, doc.json.id)).status).toBe(200);
  });
});

describe('issuer verification documents', () => {
  it('the issuer uploads and lists them; admins list and download; investors cannot read them', async () => {
    const bytes = pdf('incorporation');
    const up = await call(uploadIssuerDoc, { host: tenant.host, token: issuer.token, path: '/api/issuer/documents?title=Certificate&kind=certificate_of_incorporation&fileName=coi.pdf', method: 'POST', rawBody: bytes, headers: octet });
    expect(up.status).toBe(201);
    expect(up.json.versions[0].cid).toBe(await computeCid(bytes));
    const own = await call(listIssuerDocs, { host: tenant.host, token: issuer.token });
    expect(own.json.documents.map((d: any) => d.id)).toEqual([up.json.id]);
    const adminList = await call(listIssuerDocsAdmin, { host: tenant.host, token: adminToken, params: { id: issuer.issuerId } });
    expect(adminList.status).toBe(200);
    expect(adminList.json.documents.map((d: any) => d.id)).toEqual([up.json.id]);
    expect((await call(listIssuerDocsAdmin, { host: tenant.host, token: investorToken, params: { id: issuer.issuerId } })).status).toBe(403);
    expect((await get(adminToken, up.json.id)).status).toBe(200);
    expect((await get(investorToken, up.json.id)).status).toBe(404);
  });

  it('refuses an unknown kind naming the field, and a user without an issuer profile', async () => {
    const bad = await call(uploadIssuerDoc, { host: tenant.host, token: issuer.token, path: '/api/issuer/documents?title=x&kind=selfie&fileName=x.pdf', method: 'POST', rawBody: pdf('x'), headers: octet });
    expect(bad.status).toBe(400);
    expect(bad.json.errors[0].field).toBe('kind');
    const none = await call(uploadIssuerDoc, { host: tenant.host, token: investorToken, path: '/api/issuer/documents?title=x&kind=other&fileName=x.pdf', method: 'POST', rawBody: pdf('x'), headers: octet });
    expect(none.status).toBe(403);
  });
});
