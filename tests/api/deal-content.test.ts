import { randomBytes } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { DELETE as deleteComment } from '../../src/app/api/deals/[id]/comments/[itemId]/route';
import { GET as listComments, POST as postComment } from '../../src/app/api/deals/[id]/comments/route';
import { DELETE as deleteFaq, PATCH as patchFaq } from '../../src/app/api/deals/[id]/faqs/[itemId]/route';
import { GET as listFaqs, POST as addFaq } from '../../src/app/api/deals/[id]/faqs/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { GET as listKeyTerms, POST as addKeyTerm } from '../../src/app/api/deals/[id]/key-terms/route';
import { GET as listMedia, POST as uploadMedia } from '../../src/app/api/deals/[id]/media/route';
import { GET as listRequired, POST as addRequired } from '../../src/app/api/deals/[id]/required-documents/route';
import { DELETE as deleteReview, GET as listReviews, POST as review, PUT as changeReview } from '../../src/app/api/deals/[id]/reviews/route';
import { GET as listUpdates, POST as postUpdate } from '../../src/app/api/deals/[id]/updates/route';
import { POST as addGroupDeal } from '../../src/app/api/deal-groups/[id]/deals/route';
import { GET as getGroup } from '../../src/app/api/deal-groups/[id]/route';
import { GET as listGroups, POST as createGroup } from '../../src/app/api/deal-groups/route';
import { GET as getFile } from '../../src/app/api/files/[cid]/route';
import { POST as createDeal } from '../../src/app/api/issuer/deals/route';
import { withTenant } from '../../src/server/db/tenant';
import { computeCid } from '../../src/server/storage';
import { call } from '../helpers/api';
import { baseDeal, makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

const octet = { 'content-type': 'application/octet-stream' };
const png = () => new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, ...randomBytes(32)]);

let tenant: TestTenant;
let other: TestTenant;
let adminToken: string;
let issuer: Awaited<ReturnType<typeof makeVerifiedIssuer>>;
let investor: { id: string; token: string };
let dealId: string;
let draftId: string;

beforeAll(async () => {
  tenant = await makeTenant();
  other = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuer = await makeVerifiedIssuer(tenant, adminToken);
  const u = await makeUser(tenant);
  investor = { id: u.id, token: await tokenFor(tenant, u.email) };
  dealId = (await makeActiveDeal(tenant, issuer.token, adminToken)).id;
  draftId = (await call(createDeal, { host: tenant.host, token: issuer.token, body: { ...baseDeal, title: 'Unpublished plan' } })).json.id;
});

describe('FAQs, key terms and required documents', () => {
  it('the issuer adds, reorders, edits and removes FAQs; everyone on the tenant reads them in order', async () => {
    const a = await call(addFaq, { host: tenant.host, token: issuer.token, params: { id: dealId }, body: { question: 'When?', answer: 'Soon', position: 2 } });
    const b = await call(addFaq, { host: tenant.host, token: issuer.token, params: { id: dealId }, body: { question: 'Why?', answer: 'Sun', position: 1 } });
    expect([a.status, b.status]).toEqual([201, 201]);
    let list = await call(listFaqs, { host: tenant.host, params: { id: dealId } });
    expect(list.json.faqs.map((f: any) => f.question)).toEqual(['Why?', 'When?']);
    const moved = await call(patchFaq, { host: tenant.host, token: issuer.token, params: { id: dealId, itemId: a.json.id }, method: 'PATCH', body: { position: 0, answer: 'Q3' } });
    expect(moved.json).toMatchObject({ question: 'When?', answer: 'Q3', position: 0 });
    list = await call(listFaqs, { host: tenant.host, token: investor.token, params: { id: dealId } });
    expect(list.json.faqs.map((f: any) => f.question)).toEqual(['When?', 'Why?']);
    expect((await call(deleteFaq, { host: tenant.host, token: issuer.token, params: { id: dealId, itemId: b.json.id }, method: 'DELETE' })).status).toBe(204);
    expect((await call(listFaqs, { host: tenant.host, params: { id: dealId } })).json.faqs).toHaveLength(1);
  });

  it('names the failing field', async () => {
    const r = await call(addFaq, { host: tenant.host, token: issuer.token, params: { id: dealId }, body: { answer: 'x', position: -1 } });
    expect(r.status).toBe(400);
    expect(r.json.errors.map((e: any) => e.field).sort()).toEqual(['position', 'question']);
  });

  it('key terms and required documents work the same way', async () => {
    expect((await call(addKeyTerm, { host: tenant.host, token: issuer.token, params: { id: dealId }, body: { label: 'Coupon', value: '8%' } })).status).toBe(201);
    expect((await call(listKeyTerms, { host: tenant.host, params: { id: dealId } })).json.keyTerms).toEqual([expect.objectContaining({ label: 'Coupon', value: '8%', position: 0 })]);
    expect((await call(addRequired, { host: tenant.host, token: issuer.token, params: { id: dealId }, body: { name: 'Accredited investor letter', required: true } })).status).toBe(201);
    expect((await call(listRequired, { host: tenant.host, params: { id: dealId } })).json.requiredDocuments[0]).toMatchObject({ name: 'Accredited investor letter', required: true, description: null });
  });

  it('another issuer of the same tenant, an investor and an admin cannot add FAQs to the deal (404)', async () => {
    const stranger = await makeVerifiedIssuer(tenant, adminToken);
    for (const token of [stranger.token, investor.token, adminToken]) {
      const r = await call(addFaq, { host: tenant.host, token, params: { id: dealId }, body: { question: 'Mine?', answer: 'No' } });
      expect(r.status).toBe(404);
    }
  });

  it('cross-tenant deal ids answer 404, for reads and writes', async () => {
    const otherAdmin = await tokenFor(other, other.admin.email);
    const otherIssuer = await makeVerifiedIssuer(other, otherAdmin);
    expect((await call(addFaq, { host: other.host, token: otherIssuer.token, params: { id: dealId }, body: { question: 'x', answer: 'y' } })).status).toBe(404);
    expect((await call(listFaqs, { host: other.host, token: otherAdmin, params: { id: dealId } })).status).toBe(404);
    expect((await call(listComments, { host: other.host, params: { id: dealId } })).status).toBe(404);
  });

  it('content of an unpublished deal is hidden from investors and visitors, shown to its issuer and admins', async () => {
    expect((await call(addFaq, { host: tenant.host, token: issuer.token, params: { id: draftId }, body: { question: 'Draft?', answer: 'Yes' } })).status).toBe(201);
    for (const h of [listFaqs, listKeyTerms, listMedia, listUpdates, listComments, listReviews]) {
      expect((await call(h, { host: tenant.host, token: investor.token, params: { id: draftId } })).status).toBe(404);
      expect((await call(h, { host: tenant.host, params: { id: draftId } })).status).toBe(404);
    }
    expect((await call(listFaqs, { host: tenant.host, token: issuer.token, params: { id: draftId } })).json.faqs).toHaveLength(1);
    expect((await call(listFaqs, { host: tenant.host, token: adminToken, params: { id: draftId } })).json.faqs).toHaveLength(1);
    expect((await call(postComment, { host: tenant.host, token: investor.token, params: { id: draftId }, body: { body: 'hi' } })).status).toBe(404);
  });
});

describe('media', () => {
  const up = (id: string, bytes: Uint8Array, q = 'caption=Site&position=1') =>
    call(uploadMedia, { host: tenant.host, token: issuer.token, params: { id }, path: `/api/deals/${id}/media?${q}`, method: 'POST', rawBody: bytes, headers: octet });

  it('stores an image by CID and serves it inline with safe headers', async () => {
    const bytes = png();
    const r = await up(dealId, bytes);
    expect(r.status).toBe(201);
    expect(r.json).toMatchObject({ kind: 'image', mime: 'image/png', caption: 'Site', position: 1, cid: await computeCid(bytes) });
    const file = await call(getFile, { host: tenant.host, params: { cid: r.json.cid } });
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(file.headers.get('content-disposition')).toMatch(/^inline;/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
    expect((await call(listMedia, { host: tenant.host, params: { id: dealId } })).json.media.map((m: any) => m.id)).toContain(r.json.id);
  });

  it('refuses HTML and SVG as media (415)', async () => {
    expect((await up(dealId, new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'))).status).toBe(415);
    expect((await up(dealId, new TextEncoder().encode('<html><body>hi</body></html>'))).status).toBe(415);
  });

  it('does not serve media of an unpublished deal to visitors, nor files that are not media', async () => {
    const r = await up(draftId, png());
    expect(r.status).toBe(201);
    expect((await call(getFile, { host: tenant.host, params: { cid: r.json.cid } })).status).toBe(404);
    expect((await call(getFile, { host: tenant.host, token: issuer.token, params: { cid: r.json.cid } })).status).toBe(200);
    expect((await call(getFile, { host: other.host, params: { cid: r.json.cid } })).status).toBe(404);
  });
});

describe('updates', () => {
  it('the issuer posts an update whose Markdown is served sanitized', async () => {
    const r = await call(postUpdate, { host: tenant.host, token: issuer.token, params: { id: dealId }, body: { title: 'Permits granted', body: '**Great** news <script>alert(1)</script> [x](javascript:alert(1))' } });
    expect(r.status).toBe(201);
    const list = await call(listUpdates, { host: tenant.host, params: { id: dealId } });
    const html = list.json.updates[0].bodyHtml as string;
    expect(html).toContain('<strong>Great</strong>');
    expect(html).not.toMatch(/<script|javascript:/i);
    expect((await call(postUpdate, { host: tenant.host, token: investor.token, params: { id: dealId }, body: { title: 'x', body: 'y' } })).status).toBe(404);
  });
});

describe('reviews', () => {
  it('a non-investor cannot review (403); an investor can, once (409), then change it with PUT', async () => {
    expect((await call(review, { host: tenant.host, token: investor.token, params: { id: dealId }, body: { rating: 5, body: 'great' } })).status).toBe(403);
    const inv = await call(invest, { host: tenant.host, token: investor.token, params: { id: dealId }, body: { amount: '500', paymentMethod: 'wire' } });
    expect(inv.status).toBe(201);
    // Past KYC: the money is now expected (pending_payment counts as invested).
    await withTenant(tenant.id, null, (t) => t.tx.updateTable('investments').set({ status: 'pending_payment' }).where('tenant_id', '=', tenant.id).where('id', '=', inv.json.investment.id).execute());
    expect((await call(review, { host: tenant.host, token: investor.token, params: { id: dealId }, body: { rating: 6 } })).json.errors[0].field).toBe('rating');
    const first = await call(review, { host: tenant.host, token: investor.token, params: { id: dealId }, body: { rating: 4, body: 'solid' } });
    expect(first.status).toBe(201);
    expect(first.json.rating).toBe(4);
    const again = await call(review, { host: tenant.host, token: investor.token, params: { id: dealId }, body: { rating: 1 } });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('review_exists');
    const changed = await call(changeReview, { host: tenant.host, token: investor.token, params: { id: dealId }, method: 'PUT', body: { rating: 5, body: 'better' } });
    expect(changed.status).toBe(200);
    const list = await call(listReviews, { host: tenant.host, params: { id: dealId } });
    expect(list.json).toMatchObject({ count: 1, averageRating: '5.00', canReview: false });
    expect((await call(listReviews, { host: tenant.host, token: investor.token, params: { id: dealId } })).json.canReview).toBe(true);
  });

  it('an investor deletes their own review (audited), may then write a new one; nobody deletes a review they do not have', async () => {
    const u = await makeUser(tenant);
    const token = await tokenFor(tenant, u.email);
    const inv = await call(invest, { host: tenant.host, token, params: { id: dealId }, body: { amount: '300', paymentMethod: 'wire' } });
    await withTenant(tenant.id, null, (t) => t.tx.updateTable('investments').set({ status: 'confirmed' }).where('tenant_id', '=', tenant.id).where('id', '=', inv.json.investment.id).execute());
    expect((await call(review, { host: tenant.host, token, params: { id: dealId }, body: { rating: 1, body: 'meh' } })).status).toBe(201);
    const before = (await call(listReviews, { host: tenant.host, params: { id: dealId } })).json;
    expect(before.count).toBe(2);
    expect((await call(deleteReview, { host: tenant.host, token, params: { id: dealId }, method: 'DELETE' })).status).toBe(204);
    const after = (await call(listReviews, { host: tenant.host, params: { id: dealId } })).json;
    expect(after.count).toBe(1);
    expect(after.reviews.map((r: any) => r.author.id)).not.toContain(u.id);
    // The other investor's review is untouched.
    expect(after.averageRating).toBe('5.00');
    const again = await call(deleteReview, { host: tenant.host, token, params: { id: dealId }, method: 'DELETE' });
    expect(again.status).toBe(404);
    expect(again.json.code).toBe('review_not_found');
    expect((await call(deleteReview, { host: tenant.host, params: { id: dealId }, method: 'DELETE' })).status).toBe(401);
    const audits = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('audit_logs').select('action').where('tenant_id', '=', tenant.id).where('actor_id', '=', u.id).execute());
    expect(audits.map((a) => a.action)).toContain('deal.review_deleted');
    expect((await call(review, { host: tenant.host, token, params: { id: dealId }, body: { rating: 3 } })).status).toBe(201);
  });

  it('a cancelled investment does not make a reviewer', async () => {
    const u = await makeUser(tenant);
    const token = await tokenFor(tenant, u.email);
    const inv = await call(invest, { host: tenant.host, token, params: { id: dealId }, body: { amount: '200', paymentMethod: 'wire' } });
    await withTenant(tenant.id, null, (t) => t.tx.updateTable('investments').set({ status: 'cancelled' }).where('tenant_id', '=', tenant.id).where('id', '=', inv.json.investment.id).execute());
    expect((await call(review, { host: tenant.host, token, params: { id: dealId }, body: { rating: 3 } })).status).toBe(403);
  });
});

describe('comments', () => {
  it('threads replies, flags the issuer reply, and soft-deletes', async () => {
    const top = await call(postComment, { host: tenant.host, token: investor.token, params: { id: dealId }, body: { body: 'What is the **yield**?' } });
    expect(top.status).toBe(201);
    expect(top.json.isIssuerReply).toBe(false);
    const reply = await call(postComment, { host: tenant.host, token: issuer.token, params: { id: dealId }, body: { body: 'About 8%', parentId: top.json.id } });
    expect(reply.status).toBe(201);
    expect(reply.json.isIssuerReply).toBe(true);
    const nested = await call(postComment, { host: tenant.host, token: investor.token, params: { id: dealId }, body: { body: 'Thanks', parentId: reply.json.id } });
    expect(nested.json.parentId).toBe(top.json.id);

    let list = await call(listComments, { host: tenant.host, params: { id: dealId } });
    const thread = list.json.comments.find((c: any) => c.id === top.json.id);
    expect(thread.bodyHtml).toContain('<strong>yield</strong>');
    expect(thread.replies.map((r: any) => [r.body, r.isIssuerReply])).toEqual([['About 8%', true], ['Thanks', false]]);

    const stranger = await makeUser(tenant);
    const strangerToken = await tokenFor(tenant, stranger.email);
    expect((await call(deleteComment, { host: tenant.host, token: strangerToken, params: { id: dealId, itemId: top.json.id }, method: 'DELETE' })).status).toBe(403);
    expect((await call(deleteComment, { host: tenant.host, token: investor.token, params: { id: dealId, itemId: top.json.id }, method: 'DELETE' })).status).toBe(204);
    expect((await call(deleteComment, { host: tenant.host, token: adminToken, params: { id: dealId, itemId: reply.json.id }, method: 'DELETE' })).status).toBe(204);
    list = await call(listComments, { host: tenant.host, params: { id: dealId } });
    const after = list.json.comments.find((c: any) => c.id === top.json.id);
    expect(after).toMatchObject({ body: '[deleted]', deleted: true, author: null });
    expect(after.replies[0]).toMatchObject({ body: '[deleted]', isIssuerReply: true });
    expect(after.replies[1].body).toBe('Thanks');
    const audits = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('audit_logs').select('action').where('tenant_id', '=', tenant.id).where('target_id', '=', reply.json.id).execute());
    expect(audits.map((a) => a.action)).toContain('deal.comment_removed_by_admin');
  });

  it("the deal's issuer moderates comments on their own deal only; the list tells the viewer whether they moderate", async () => {
    const c = await call(postComment, { host: tenant.host, token: investor.token, params: { id: dealId }, body: { body: 'Buy my course at spam.example' } });
    expect((await call(listComments, { host: tenant.host, token: issuer.token, params: { id: dealId } })).json.canModerate).toBe(true);
    expect((await call(listComments, { host: tenant.host, token: adminToken, params: { id: dealId } })).json.canModerate).toBe(true);
    expect((await call(listComments, { host: tenant.host, token: investor.token, params: { id: dealId } })).json.canModerate).toBe(false);
    expect((await call(listComments, { host: tenant.host, params: { id: dealId } })).json.canModerate).toBe(false);

    // Another verified issuer of the same tenant is no moderator of this deal.
    const otherIssuer = await makeVerifiedIssuer(tenant, adminToken);
    const denied = await call(deleteComment, { host: tenant.host, token: otherIssuer.token, params: { id: dealId, itemId: c.json.id }, method: 'DELETE' });
    expect(denied.status).toBe(403);
    expect(denied.json.code).toBe('not_comment_author');

    expect((await call(deleteComment, { host: tenant.host, token: issuer.token, params: { id: dealId, itemId: c.json.id }, method: 'DELETE' })).status).toBe(204);
    const list = await call(listComments, { host: tenant.host, params: { id: dealId } });
    expect(list.json.comments.find((x: any) => x.id === c.json.id)).toMatchObject({ deleted: true, body: '[deleted]', author: null });
    const audits = await withTenant(tenant.id, null, (t) => t.tx.selectFrom('audit_logs').select(['action', 'actor_id']).where('tenant_id', '=', tenant.id).where('target_id', '=', c.json.id).execute());
    expect(audits).toContainEqual({ action: 'deal.comment_removed_by_issuer', actor_id: issuer.id });
  });

  it('needs sign-in to comment and sanitizes comment markup', async () => {
    expect((await call(postComment, { host: tenant.host, params: { id: dealId }, body: { body: 'anon' } })).status).toBe(401);
    const r = await call(postComment, { host: tenant.host, token: investor.token, params: { id: dealId }, body: { body: '<img src=x onerror=alert(1)> <a href="javascript&#58;alert(1)">x</a>' } });
    expect(r.json.bodyHtml).not.toMatch(/onerror|javascript/i);
  });
});

describe('deal groups', () => {
  it('admins create campaigns and add deals; everyone sees only the published deals in them', async () => {
    const slug = `spring-${randomBytes(3).toString('hex')}`;
    const g = await call(createGroup, { host: tenant.host, token: adminToken, body: { name: 'Spring campaign', slug } });
    expect(g.status).toBe(201);
    expect((await call(createGroup, { host: tenant.host, token: adminToken, body: { name: 'Dup', slug } })).status).toBe(409);
    expect((await call(createGroup, { host: tenant.host, token: investor.token, body: { name: 'Mine', slug: 'mine' } })).status).toBe(403);
    expect((await call(addGroupDeal, { host: tenant.host, token: adminToken, params: { id: g.json.id }, body: { dealId } })).status).toBe(200);
    expect((await call(addGroupDeal, { host: tenant.host, token: adminToken, params: { id: g.json.id }, body: { dealId: draftId } })).status).toBe(200);
    const one = await call(getGroup, { host: tenant.host, params: { id: slug } });
    expect(one.status).toBe(200);
    expect(one.json.deals.map((d: any) => d.id)).toEqual([dealId]);
    const all = await call(listGroups, { host: tenant.host });
    expect(all.json.groups.find((x: any) => x.id === g.json.id).deals).toHaveLength(1);
    expect((await call(getGroup, { host: other.host, params: { id: g.json.id } })).status).toBe(404);
  });
});

describe('GET /api/deals/[id] with its content', () => {
  it('returns the deal with sanitized description HTML, key terms, FAQs, documents, media, updates and review summary', async () => {
    const { GET: getDealRoute } = await import('../../src/app/api/deals/[id]/route');
    const { POST: addFaq } = await import('../../src/app/api/deals/[id]/faqs/route');
    const t = await makeTenant();
    const adminToken = await tokenFor(t, t.admin.email);
    const issuer = await makeVerifiedIssuer(t, adminToken);
    const deal = await makeActiveDeal(t, issuer.token, adminToken, { description: 'Hello <script>alert(1)</script> **world**' });
    expect((await call(addFaq, { host: t.host, token: issuer.token, params: { id: deal.id }, body: { question: 'When?', answer: 'Soon.' } })).status).toBe(201);
    const r = await call(getDealRoute, { host: t.host, params: { id: deal.slug } });
    expect(r.status).toBe(200);
    expect(r.json.descriptionHtml).toContain('<strong>world</strong>');
    expect(r.json.descriptionHtml).not.toContain('<script');
    expect(r.json.faqs).toEqual([expect.objectContaining({ question: 'When?', answer: 'Soon.' })]);
    for (const key of ['keyTerms', 'requiredDocuments', 'documents', 'media', 'updates', 'reviewSummary']) expect(r.json).toHaveProperty(key);
  });
});
