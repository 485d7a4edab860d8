import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { GET as auditLogs } from '../../src/app/api/admin/audit-logs/route';
import { PATCH as patchKeyTerm } from '../../src/app/api/deals/[id]/key-terms/[itemId]/route';
import { GET as listKeyTerms, POST as addKeyTerm } from '../../src/app/api/deals/[id]/key-terms/route';
import { PATCH as patchMedia } from '../../src/app/api/deals/[id]/media/[itemId]/route';
import { GET as listMedia, POST as uploadMedia } from '../../src/app/api/deals/[id]/media/route';
import { PATCH as patchRequired } from '../../src/app/api/deals/[id]/required-documents/[itemId]/route';
import { POST as addRequired } from '../../src/app/api/deals/[id]/required-documents/route';
import { GET as getDeal } from '../../src/app/api/deals/[id]/route';
import { PATCH as patchUpdate } from '../../src/app/api/deals/[id]/updates/[itemId]/route';
import { GET as listUpdates, POST as postUpdate } from '../../src/app/api/deals/[id]/updates/route';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Issuers edit what they already published on a deal: updates (title, text), key terms,
// required documents, media captions and order; each change is audited and shown at once.
let tenant: TestTenant;
let other: TestTenant;
let adminToken: string;
let issuer: Awaited<ReturnType<typeof makeVerifiedIssuer>>;
let rival: Awaited<ReturnType<typeof makeVerifiedIssuer>>;
let investorToken: string;
let dealId: string;

beforeAll(async () => {
  tenant = await makeTenant();
  other = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuer = await makeVerifiedIssuer(tenant, adminToken);
  rival = await makeVerifiedIssuer(tenant, adminToken);
  investorToken = await tokenFor(tenant, (await makeUser(tenant)).email);
  dealId = (await makeActiveDeal(tenant, issuer.token, adminToken)).id;
});

describe('editing deal content', () => {
  it('the issuer corrects an update’s title and text; its publication time stays, the change is audited and on the deal page', async () => {
    const posted = await call(postUpdate, { host: tenant.host, token: issuer.token, params: { id: dealId }, body: { title: 'Q1 reprot', body: 'Revenue **up**' } });
    expect(posted.status).toBe(201);
    const params = { id: dealId, itemId: posted.json.id };
    const fixed = await call(patchUpdate, { host: tenant.host, token: issuer.token, method: 'PATCH', params, body: { title: 'Q1 report' } });
    expect(fixed.status).toBe(200);
    expect(fixed.json).toMatchObject({ id: posted.json.id, title: 'Q1 report', body: 'Revenue **up**', publishedAt: posted.json.publishedAt });
    const text = await call(patchUpdate, { host: tenant.host, token: issuer.token, method: 'PATCH', params, body: { body: 'Revenue *up 12%*' } });
    expect(text.json.bodyHtml).toContain('<em>up 12%</em>');

    const listed = await call(listUpdates, { host: tenant.host, token: investorToken, params: { id: dealId } });
    expect(listed.json.updates.find((u: { id: string }) => u.id === posted.json.id)).toMatchObject({ title: 'Q1 report', body: 'Revenue *up 12%*' });
    const page = await call(getDeal, { host: tenant.host, token: investorToken, params: { id: dealId } });
    expect(page.json.updates.map((u: { title: string }) => u.title)).toContain('Q1 report');

    const log = await call(auditLogs, { host: tenant.host, token: adminToken, path: '/api/admin/audit-logs?action=deal.update_changed' });
    expect(log.json.entries.map((e: { metadata: { updateId: string; fields: string[] } }) => e.metadata)).toEqual(
      expect.arrayContaining([{ updateId: posted.json.id, fields: ['title'] }, { updateId: posted.json.id, fields: ['body'] }]),
    );
  });

  it('refuses an empty or bad change naming the field, and anyone but the deal’s issuer', async () => {
    const posted = await call(postUpdate, { host: tenant.host, token: issuer.token, params: { id: dealId }, body: { title: 'Kept', body: 'As is' } });
    const params = { id: dealId, itemId: posted.json.id };
    const empty = await call(patchUpdate, { host: tenant.host, token: issuer.token, method: 'PATCH', params, body: {} });
    expect(empty.status).toBe(400);
    const blank = await call(patchUpdate, { host: tenant.host, token: issuer.token, method: 'PATCH', params, body: { title: '   ' } });
    expect(blank.status).toBe(400);
    expect(blank.json.errors[0].field).toBe('title');
    const extra = await call(patchUpdate, { host: tenant.host, token: issuer.token, method: 'PATCH', params, body: { publishedAt: '2020-01-01T00:00:00Z' } });
    expect(extra.status).toBe(400);

    // Another issuer's deal reads as unknown to them; an investor may not edit deal content.
    expect((await call(patchUpdate, { host: tenant.host, token: rival.token, method: 'PATCH', params, body: { title: 'Hijacked' } })).status).toBe(404);
    expect([403, 404]).toContain((await call(patchUpdate, { host: tenant.host, token: investorToken, method: 'PATCH', params, body: { title: 'Hijacked' } })).status);
    const otherAdmin = await tokenFor(other, other.admin.email);
    expect((await call(patchUpdate, { host: other.host, token: otherAdmin, method: 'PATCH', params, body: { title: 'Hijacked' } })).status).toBe(404);
    const unknown = await call(patchUpdate, { host: tenant.host, token: issuer.token, method: 'PATCH', params: { id: dealId, itemId: '00000000-0000-7000-8000-000000000001' }, body: { title: 'Nothing' } });
    expect(unknown.status).toBe(404);

    const listed = await call(listUpdates, { host: tenant.host, token: investorToken, params: { id: dealId } });
    expect(listed.json.updates.find((u: { id: string }) => u.id === posted.json.id)).toMatchObject({ title: 'Kept', body: 'As is' });
  });

  it('edits key terms (order included), a required document’s description (cleared with null) and a media caption and position', async () => {
    const a = await call(addKeyTerm, { host: tenant.host, token: issuer.token, params: { id: dealId }, body: { label: 'Rate', value: '7%', position: 1 } });
    const b = await call(addKeyTerm, { host: tenant.host, token: issuer.token, params: { id: dealId }, body: { label: 'Term', value: '3 years', position: 2 } });
    const moved = await call(patchKeyTerm, { host: tenant.host, token: issuer.token, method: 'PATCH', params: { id: dealId, itemId: b.json.id }, body: { value: '36 months', position: 0 } });
    expect(moved.json).toEqual({ id: b.json.id, label: 'Term', value: '36 months', position: 0 });
    const terms = await call(listKeyTerms, { host: tenant.host, params: { id: dealId }, token: investorToken });
    expect(terms.json.keyTerms.map((k: { id: string }) => k.id).slice(0, 2)).toEqual([b.json.id, a.json.id]);

    const req = await call(addRequired, { host: tenant.host, token: issuer.token, params: { id: dealId }, body: { name: 'Proof of funds', description: 'A bank letter', required: true } });
    const cleared = await call(patchRequired, { host: tenant.host, token: issuer.token, method: 'PATCH', params: { id: dealId, itemId: req.json.id }, body: { description: null, required: false } });
    expect(cleared.json).toEqual({ id: req.json.id, name: 'Proof of funds', description: null, required: false });

    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...randomBytes(32)]);
    const up = await call(uploadMedia, { host: tenant.host, token: issuer.token, params: { id: dealId }, path: `/api/deals/${dealId}/media?caption=Roof`, method: 'POST', rawBody: png, headers: { 'content-type': 'image/png' } });
    expect(up.status).toBe(201);
    const captioned = await call(patchMedia, { host: tenant.host, token: issuer.token, method: 'PATCH', params: { id: dealId, itemId: up.json.id }, body: { caption: 'The roof in May', position: 3 } });
    expect(captioned.status).toBe(200);
    const media = await call(listMedia, { host: tenant.host, token: investorToken, params: { id: dealId } });
    expect(media.json.media.find((m: { id: string }) => m.id === up.json.id)).toMatchObject({ caption: 'The roof in May', position: 3 });
  });
});
