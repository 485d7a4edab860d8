import { beforeAll, describe, expect, it } from 'vitest';
import { GET as getDeal } from '../../src/app/api/deals/[id]/route';
import { GET as dealDocuments } from '../../src/app/api/deals/[id]/documents/route';
import { GET as dealFaqs } from '../../src/app/api/deals/[id]/faqs/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { POST as transition } from '../../src/app/api/deals/[id]/transitions/route';
import { GET as listDeals } from '../../src/app/api/deals/route';
import { POST as apply } from '../../src/app/api/groups/[id]/apply/route';
import { GET as memberArea } from '../../src/app/api/groups/[id]/dashboard/route';
import { DELETE as withdrawPre, PUT as preCommit } from '../../src/app/api/groups/[id]/deals/[dealId]/pre-commitment/route';
import { POST as leave } from '../../src/app/api/groups/[id]/leave/route';
import { GET as groupDetail } from '../../src/app/api/groups/[id]/route';
import { POST as acceptInvitation } from '../../src/app/api/groups/invitations/accept/route';
import { GET as myGroups } from '../../src/app/api/groups/my-groups/route';
import { GET as discover } from '../../src/app/api/groups/route';
import { PUT as setVisibility } from '../../src/app/api/issuer/deals/[id]/visibility/route';
import { POST as decide } from '../../src/app/api/issuer/groups/applications/[id]/decision/route';
import { GET as applications } from '../../src/app/api/issuer/groups/applications/route';
import { GET as issuerDashboard } from '../../src/app/api/issuer/groups/dashboard/route';
import { DELETE as revokeInvitation } from '../../src/app/api/issuer/groups/invitations/[id]/route';
import { POST as invite } from '../../src/app/api/issuer/groups/invitations/route';
import { GET as membersCsv } from '../../src/app/api/issuer/groups/members.csv/route';
import { DELETE as removeMember } from '../../src/app/api/issuer/groups/members/[id]/route';
import { GET as members } from '../../src/app/api/issuer/groups/members/route';
import { GET as ownGroup, PATCH as editGroup, POST as createGroup } from '../../src/app/api/issuer/groups/route';
import { POST as createDeal } from '../../src/app/api/issuer/deals/route';
import { withTenant } from '../../src/server/db/tenant';
import { signInvitation } from '../../src/server/groups/invitation-token';
import { call } from '../helpers/api';
import { baseDeal, makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

type Actor = { id: string; email: string; token: string };

let tenant: TestTenant;
let other: TestTenant;
let adminToken: string;
let issuer: Awaited<ReturnType<typeof makeVerifiedIssuer>>;
let groupId: string;

async function investor(t: TestTenant = tenant): Promise<Actor> {
  const u = await makeUser(t);
  return { ...u, token: await tokenFor(t, u.email) };
}

const setLevel = (userId: string, level: string) =>
  withTenant(tenant.id, null, (t) => t.tx.updateTable('profiles').set({ verification_level: level as never }).where('tenant_id', '=', tenant.id).where('user_id', '=', userId).execute());

const emailsTo = (email: string, template: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('email_outbox').select(['subject', 'body_text', 'created_at', 'id']).where('tenant_id', '=', tenant.id).where('to_address', '=', email).where('template', '=', template).orderBy('id').execute());

/** What notify() wrote for the user (one row per channel), oldest first. */
const noticesTo = (userId: string, type: string, channel: 'email' | 'in_app' = 'email') =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('notification_outbox').select(['id', 'title', 'body', 'data', 'link']).where('tenant_id', '=', tenant.id).where('user_id', '=', userId).where('type', '=', type).where('channel', '=', channel).orderBy('id').execute());

const auditOf = (action: string, targetId: string) =>
  withTenant(tenant.id, null, (t) => t.tx.selectFrom('audit_logs').select(['actor_id', 'metadata']).where('tenant_id', '=', tenant.id).where('action', '=', action).where('target_id', '=', targetId).execute());

async function join(a: Actor, body: Record<string, unknown> = { answers: [{ questionId: 'why', answer: 'Long-term solar investor' }], intendedCommitment: '500' }) {
  const r = await call(apply, { host: tenant.host, token: a.token, params: { id: groupId }, body });
  expect(r.status).toBe(201);
  const d = await call(decide, { host: tenant.host, token: issuer.token, params: { id: r.json.id }, body: { decision: 'approve' } });
  expect(d.status).toBe(200);
}

beforeAll(async () => {
  tenant = await makeTenant();
  other = await makeTenant();
  adminToken = await tokenFor(tenant, tenant.admin.email);
  issuer = await makeVerifiedIssuer(tenant, adminToken);
  const g = await call(createGroup, {
    host: tenant.host,
    token: issuer.token,
    body: { name: 'Solar Circle', description: 'Investors in community energy', questions: [{ id: 'why', text: 'Why do you want to join?', required: true }], minCommitment: '250', focusAreas: ['energy'] },
  });
  expect(g.status).toBe(201);
  groupId = g.json.id;
});

describe('a group per issuer, discovery and applications', () => {
  it('an issuer runs one group; a second is refused', async () => {
    const again = await call(createGroup, { host: tenant.host, token: issuer.token, body: { name: 'Second Circle' } });
    expect(again.status).toBe(409);
    expect(again.json.code).toBe('group_exists');
    const mine = await call(ownGroup, { host: tenant.host, token: issuer.token });
    expect(mine.json.group).toMatchObject({ id: groupId, name: 'Solar Circle', privacy: 'public', requirements: { minCommitment: '250.00', currency: 'USD' } });
    const investorTries = await call(createGroup, { host: tenant.host, token: (await investor()).token, body: { name: 'Not an issuer' } });
    expect(investorTries.status).toBe(403);
  });

  it('investors discover public groups and apply with answers; the issuer approves and the member is told', async () => {
    const a = await investor();
    const found = await call(discover, { host: tenant.host, token: a.token });
    expect(found.json.groups.map((g: any) => g.id)).toContain(groupId);
    expect((await call(discover, { host: other.host })).json.groups.map((g: any) => g.id)).not.toContain(groupId);

    const missing = await call(apply, { host: tenant.host, token: a.token, params: { id: groupId }, body: { answers: [], intendedCommitment: '500' } });
    expect(missing.status).toBe(400);
    expect(missing.json.errors[0]).toMatchObject({ field: 'answers.why' });
    const tooSmall = await call(apply, { host: tenant.host, token: a.token, params: { id: groupId }, body: { answers: [{ questionId: 'why', answer: 'x' }], intendedCommitment: '100' } });
    expect(tooSmall.status).toBe(400);
    expect(tooSmall.json.errors[0]).toMatchObject({ field: 'intendedCommitment' });

    const applied = await call(apply, { host: tenant.host, token: a.token, params: { id: groupId }, body: { answers: [{ questionId: 'why', answer: 'I like solar' }], intendedCommitment: '500' } });
    expect(applied.status).toBe(201);
    expect(applied.json).toMatchObject({ status: 'pending', intendedCommitment: '500.00' });
    const twice = await call(apply, { host: tenant.host, token: a.token, params: { id: groupId }, body: { answers: [{ questionId: 'why', answer: 'again' }], intendedCommitment: '500' } });
    expect(twice.json.code).toBe('application_exists');

    const queue = await call(applications, { host: tenant.host, token: issuer.token, path: '/api/issuer/groups/applications?status=pending' });
    expect(queue.json.applications.find((x: any) => x.id === applied.json.id)).toMatchObject({ applicant: { id: a.id }, answers: [{ questionId: 'why', answer: 'I like solar' }] });

    const ok = await call(decide, { host: tenant.host, token: issuer.token, params: { id: applied.json.id }, body: { decision: 'approve' } });
    expect(ok.json.status).toBe('approved');
    expect((await call(decide, { host: tenant.host, token: issuer.token, params: { id: applied.json.id }, body: { decision: 'reject', reason: 'changed mind' } })).json.code).toBe('application_decided');
    for (const channel of ['email', 'in_app'] as const) expect(await noticesTo(a.id, 'group.application_decided', channel)).toMatchObject([{ data: { decision: 'approved', groupId }, link: expect.stringMatching(/^\/groups\//) }]);
    expect(await auditOf('group.application_approved', applied.json.id)).toHaveLength(1);
    expect((await call(myGroups, { host: tenant.host, token: a.token })).json.groups.map((g: any) => g.id)).toEqual([groupId]);
    const detail = await call(groupDetail, { host: tenant.host, token: a.token, params: { id: groupId } });
    expect(detail.json.viewer.membership.status).toBe('active');
    expect(detail.json.group.memberCount).toBeGreaterThanOrEqual(1);
  });

  it('a rejection needs a reason, which reaches the applicant; a waitlisted application can still be approved', async () => {
    const a = await investor();
    const b = await investor();
    const ra = await call(apply, { host: tenant.host, token: a.token, params: { id: groupId }, body: { answers: [{ questionId: 'why', answer: 'hm' }], intendedCommitment: '300' } });
    const rb = await call(apply, { host: tenant.host, token: b.token, params: { id: groupId }, body: { answers: [{ questionId: 'why', answer: 'hm' }], intendedCommitment: '300' } });
    const bare = await call(decide, { host: tenant.host, token: issuer.token, params: { id: ra.json.id }, body: { decision: 'reject' } });
    expect(bare.status).toBe(400);
    expect(bare.json.errors[0].field).toBe('reason');
    const rejected = await call(decide, { host: tenant.host, token: issuer.token, params: { id: ra.json.id }, body: { decision: 'reject', reason: 'Answers too short' } });
    expect(rejected.json).toMatchObject({ status: 'rejected', decisionReason: 'Answers too short' });
    expect((await noticesTo(a.id, 'group.application_decided'))[0]!.body).toContain('Answers too short');
    const waitlisted = await call(decide, { host: tenant.host, token: issuer.token, params: { id: rb.json.id }, body: { decision: 'waitlist' } });
    expect(waitlisted.json.status).toBe('waitlisted');
    expect((await call(decide, { host: tenant.host, token: issuer.token, params: { id: rb.json.id }, body: { decision: 'approve' } })).json.status).toBe('approved');
    // Another issuer cannot decide this group's applications: the application does not exist for them.
    const rival = await makeVerifiedIssuer(tenant, adminToken);
    await call(createGroup, { host: tenant.host, token: rival.token, body: { name: 'Rival Circle' } });
    const c = await investor();
    const rc = await call(apply, { host: tenant.host, token: c.token, params: { id: groupId }, body: { answers: [{ questionId: 'why', answer: 'hm' }], intendedCommitment: '300' } });
    expect((await call(decide, { host: tenant.host, token: rival.token, params: { id: rc.json.id }, body: { decision: 'approve' } })).status).toBe(404);
  });

  it('entry requirements: verification level and accreditation are checked when applying', async () => {
    const strict = await makeVerifiedIssuer(tenant, adminToken);
    const g = await call(createGroup, { host: tenant.host, token: strict.token, body: { name: 'Verified Club', minVerificationLevel: 'standard' } });
    const a = await investor();
    const refused = await call(apply, { host: tenant.host, token: a.token, params: { id: g.json.id }, body: {} });
    expect(refused.status).toBe(403);
    expect(refused.json.code).toBe('group_verification_level_required');
    await setLevel(a.id, 'standard');
    expect((await call(apply, { host: tenant.host, token: a.token, params: { id: g.json.id }, body: {} })).status).toBe(201);
    await call(editGroup, { host: tenant.host, token: strict.token, method: 'PATCH', body: { requiresAccreditation: true } });
    const b = await investor();
    await setLevel(b.id, 'enhanced');
    expect((await call(apply, { host: tenant.host, token: b.token, params: { id: g.json.id }, body: {} })).json.code).toBe('group_requires_accreditation');
  });

  it('capacity: approvals stop at the limit, even when two are decided at once', async () => {
    const small = await makeVerifiedIssuer(tenant, adminToken);
    const g = await call(createGroup, { host: tenant.host, token: small.token, body: { name: 'Tiny Circle', capacity: 1 } });
    const apps = [];
    for (let i = 0; i < 3; i++) apps.push((await call(apply, { host: tenant.host, token: (await investor()).token, params: { id: g.json.id }, body: {} })).json.id);
    const results = await Promise.all(apps.map((id) => call(decide, { host: tenant.host, token: small.token, params: { id }, body: { decision: 'approve' } })));
    expect(results.filter((r) => r.status === 200)).toHaveLength(1);
    expect(results.filter((r) => r.json.code === 'group_full')).toHaveLength(2);
    expect((await call(ownGroup, { host: tenant.host, token: small.token })).json.group).toMatchObject({ memberCount: 1, full: true });
  });
});

describe('member-only deals: visible to the group, 404 for everyone else', () => {
  let memberDeal: string;
  let verifiedDeal: string;
  let member: Actor;
  let outsider: Actor;

  beforeAll(async () => {
    member = await investor();
    outsider = await investor();
    await join(member);
    memberDeal = (await makeActiveDeal(tenant, issuer.token, adminToken, { title: 'Members Only Solar Fund' })).id;
    verifiedDeal = (await makeActiveDeal(tenant, issuer.token, adminToken, { title: 'Verified Only Wind Fund' })).id;
    expect((await call(setVisibility, { host: tenant.host, token: issuer.token, method: 'PUT', params: { id: memberDeal }, body: { visibility: 'group' } })).status).toBe(200);
    expect((await call(setVisibility, { host: tenant.host, token: issuer.token, method: 'PUT', params: { id: verifiedDeal }, body: { visibility: 'verified' } })).status).toBe(200);
  });

  const listed = async (token: string | undefined, host = tenant.host) => (await call(listDeals, { host, token, path: '/api/deals?limit=100' })).json.deals.map((d: any) => d.id);

  it('the member sees it in the listing and by id, reads its content and invests', async () => {
    expect(await listed(member.token)).toContain(memberDeal);
    expect((await call(getDeal, { host: tenant.host, token: member.token, params: { id: memberDeal } })).status).toBe(200);
    expect((await call(dealDocuments, { host: tenant.host, token: member.token, params: { id: memberDeal } })).status).toBe(200);
    expect((await call(dealFaqs, { host: tenant.host, token: member.token, params: { id: memberDeal } })).status).toBe(200);
    const r = await call(invest, { host: tenant.host, token: member.token, params: { id: memberDeal }, body: { amount: '500', paymentMethod: 'wire' } });
    expect(r.status).toBe(201);
    const area = await call(memberArea, { host: tenant.host, token: member.token, params: { id: groupId } });
    expect(area.json.deals.map((d: any) => d.id)).toContain(memberDeal);
    expect(area.json.myCommitments.investments[0]).toMatchObject({ dealId: memberDeal, amount: '500.00' });
  });

  it('a non-member, a visitor and another tenant get 404 on every route, and no listing shows it', async () => {
    for (const token of [outsider.token, undefined]) {
      expect(await listed(token)).not.toContain(memberDeal);
      for (const h of [getDeal, dealDocuments, dealFaqs]) expect((await call(h, { host: tenant.host, token, params: { id: memberDeal } })).status).toBe(404);
      expect((await call(memberArea, { host: tenant.host, token: token ?? outsider.token, params: { id: groupId } })).status).toBe(404);
    }
    const inv = await call(invest, { host: tenant.host, token: outsider.token, params: { id: memberDeal }, body: { amount: '500', paymentMethod: 'wire' } });
    expect(inv.status).toBe(404);
    expect(JSON.stringify(inv.json)).not.toMatch(/member/i);
    const elsewhere = await investor(other);
    expect((await call(getDeal, { host: other.host, token: elsewhere.token, params: { id: memberDeal } })).status).toBe(404);
    expect((await call(invest, { host: other.host, token: elsewhere.token, params: { id: memberDeal }, body: { amount: '500', paymentMethod: 'wire' } })).status).toBe(404);
    expect(await listed(elsewhere.token, other.host)).not.toContain(memberDeal);
  });

  it('the database keeps a deal marked for a group and its group row together (checked at commit)', async () => {
    const loose = (await makeActiveDeal(tenant, issuer.token, adminToken, { title: 'Loose Visibility Deal' })).id;
    await expect(withTenant(tenant.id, null, (t) => t.tx.updateTable('deals').set({ visibility: 'group' }).where('tenant_id', '=', tenant.id).where('id', '=', loose).execute())).rejects.toThrow(/visibility group but no group/);
    await expect(withTenant(tenant.id, null, (t) => t.tx.deleteFrom('group_deals').where('tenant_id', '=', tenant.id).where('deal_id', '=', memberDeal).execute())).rejects.toThrow(/belongs to a group|no group/);
    expect((await call(getDeal, { host: tenant.host, token: outsider.token, params: { id: memberDeal } })).status).toBe(404);
  });

  it('the issuer and the tenant admin still see it', async () => {
    expect((await call(getDeal, { host: tenant.host, token: issuer.token, params: { id: memberDeal } })).status).toBe(200);
    expect(await listed(adminToken)).toContain(memberDeal);
  });

  it('verified-only deals: investors who passed KYC see them; those with a confirmed email only do not', async () => {
    const v = await investor();
    await setLevel(v.id, 'standard');
    expect(await listed(v.token)).toContain(verifiedDeal);
    expect(await listed(v.token)).not.toContain(memberDeal);
    expect((await call(getDeal, { host: tenant.host, token: v.token, params: { id: verifiedDeal } })).status).toBe(200);
    expect(await listed(outsider.token)).not.toContain(verifiedDeal);
    expect((await call(getDeal, { host: tenant.host, token: outsider.token, params: { id: verifiedDeal } })).status).toBe(404);
  });

  it('a member who leaves, or is removed, loses the deal at once; the removal is audited and the member told', async () => {
    const leaver = await investor();
    await join(leaver);
    expect(await listed(leaver.token)).toContain(memberDeal);
    expect((await call(leave, { host: tenant.host, token: leaver.token, params: { id: groupId } })).status).toBe(200);
    expect((await call(getDeal, { host: tenant.host, token: leaver.token, params: { id: memberDeal } })).status).toBe(404);

    const removed = await investor();
    await join(removed);
    const r = await call(removeMember, { host: tenant.host, token: issuer.token, method: 'DELETE', params: { id: removed.id }, body: { reason: 'Breached the group rules' } });
    expect(r.status).toBe(200);
    expect((await call(getDeal, { host: tenant.host, token: removed.token, params: { id: memberDeal } })).status).toBe(404);
    const [entry] = await auditOf('group.member_removed', groupId);
    expect(entry).toMatchObject({ actor_id: issuer.id, metadata: { memberId: removed.id, reason: 'Breached the group rules' } });
    expect(await emailsTo(removed.email, 'group_member_removed')).toHaveLength(1);
    const list = await call(members, { host: tenant.host, token: issuer.token });
    expect(list.json.members.find((m: any) => m.userId === removed.id)).toMatchObject({ status: 'removed', endReason: 'Breached the group rules' });
    const csv = await call(membersCsv, { host: tenant.host, token: issuer.token });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.json).toContain(member.email);
    expect(String(csv.json).split(/\r?\n/)[0]).toBe('user_id,email,name,status,joined_via,joined_at,ended_at,end_reason,verification_level');
  });

  it('members, and only members, are told of a new member-only deal', async () => {
    expect((await noticesTo(member.id, 'group.deal_published')).filter((n) => (n.data as any).dealId === memberDeal)).toHaveLength(1);
    expect(await noticesTo(outsider.id, 'group.deal_published')).toHaveLength(0);
  });
});

describe('private groups: invitation links only', () => {
  let priv: Awaited<ReturnType<typeof makeVerifiedIssuer>>;
  let privId: string;

  beforeAll(async () => {
    priv = await makeVerifiedIssuer(tenant, adminToken);
    privId = (await call(createGroup, { host: tenant.host, token: priv.token, body: { name: 'Hidden Angels', privacy: 'private' } })).json.id;
  });

  it('is not discoverable, cannot be applied to, and is 404 by id for outsiders', async () => {
    const a = await investor();
    expect((await call(discover, { host: tenant.host, token: a.token })).json.groups.map((g: any) => g.id)).not.toContain(privId);
    expect((await call(groupDetail, { host: tenant.host, token: a.token, params: { id: privId } })).status).toBe(404);
    expect((await call(apply, { host: tenant.host, token: a.token, params: { id: privId }, body: {} })).status).toBe(404);
  });

  it('a signed link admits; a tampered, foreign, revoked or expired one does not', async () => {
    const link = await call(invite, { host: tenant.host, token: priv.token, body: { expiresInDays: 7, note: 'for the newsletter' } });
    expect(link.status).toBe(201);
    expect(link.json.url).toContain('/groups/join?token=');
    const a = await investor();
    const tampered = link.json.token.replace(/.$/, (c: string) => (c === 'A' ? 'B' : 'A'));
    expect((await call(acceptInvitation, { host: tenant.host, token: a.token, body: { token: tampered } })).json.code).toBe('invitation_invalid');
    const foreign = await investor(other);
    expect((await call(acceptInvitation, { host: other.host, token: foreign.token, body: { token: link.json.token } })).json.code).toBe('invitation_invalid');
    const joined = await call(acceptInvitation, { host: tenant.host, token: a.token, body: { token: link.json.token } });
    expect(joined.status).toBe(200);
    expect(joined.json.group.id).toBe(privId);
    expect((await call(groupDetail, { host: tenant.host, token: a.token, params: { id: privId } })).status).toBe(200);
    expect((await call(acceptInvitation, { host: tenant.host, token: a.token, body: { token: link.json.token } })).json.code).toBe('already_member');

    expect((await call(revokeInvitation, { host: tenant.host, token: priv.token, method: 'DELETE', params: { id: link.json.id } })).status).toBe(200);
    const b = await investor();
    expect((await call(acceptInvitation, { host: tenant.host, token: b.token, body: { token: link.json.token } })).json.code).toBe('invitation_revoked');
    const expired = signInvitation({ tenantId: tenant.id, groupId: privId, invitationId: link.json.id, expiresAt: new Date(Date.now() - 1000) });
    expect((await call(acceptInvitation, { host: tenant.host, token: b.token, body: { token: expired } })).json.code).toBe('invitation_expired');
  });

  it('an invitation to a named person reaches a member of the tenant as group.invited, and anyone else by email, with the same answer', async () => {
    const member = await investor();
    const sentToMember = await call(invite, { host: tenant.host, token: priv.token, body: { expiresInDays: 3, note: 'Welcome aboard', email: member.email.toUpperCase() } });
    expect(sentToMember.status).toBe(201);
    expect(sentToMember.json.invitedEmail).toBe(member.email);
    const [inApp] = await noticesTo(member.id, 'group.invited', 'in_app');
    expect(inApp).toMatchObject({ title: expect.stringContaining('Hidden Angels'), link: `/groups/join?token=${encodeURIComponent(sentToMember.json.token)}` });
    expect(inApp!.body).toContain('Welcome aboard');
    expect(await noticesTo(member.id, 'group.invited', 'email')).toHaveLength(1);
    expect(await emailsTo(member.email, 'group_invitation')).toEqual([]);
    // The link in the notification admits them.
    expect((await call(acceptInvitation, { host: tenant.host, token: member.token, body: { token: sentToMember.json.token } })).status).toBe(200);

    const stranger = `stranger-${Date.now()}@example.com`;
    const sentToStranger = await call(invite, { host: tenant.host, token: priv.token, body: { email: stranger } });
    expect(sentToStranger.status).toBe(201);
    expect(Object.keys(sentToStranger.json).sort()).toEqual(Object.keys(sentToMember.json).sort());
    const [mail] = await emailsTo(stranger, 'group_invitation');
    expect(mail!.body_text).toContain(`/groups/join?token=${encodeURIComponent(sentToStranger.json.token)}`);
    const listed = (await call(ownGroup, { host: tenant.host, token: priv.token })).json.invitations;
    expect(listed.map((i: any) => i.invitedEmail)).toEqual(expect.arrayContaining([member.email, stranger]));

    const bad = await call(invite, { host: tenant.host, token: priv.token, body: { email: 'not-an-address' } });
    expect(bad.status).toBe(400);
    expect(JSON.stringify(bad.json)).toContain('email must be an email address');
  });
});

describe('pre-commitments', () => {
  it('members indicate interest in an upcoming deal; the issuer sees demand; opening it tells pre-committers first', async () => {
    const early = await investor();
    const late = await investor();
    await join(early);
    await join(late);
    const draft = await call(createDeal, { host: tenant.host, token: issuer.token, body: { ...baseDeal, title: 'Upcoming Storage Fund' } });
    const dealId = draft.json.id as string;
    await call(setVisibility, { host: tenant.host, token: issuer.token, method: 'PUT', params: { id: dealId }, body: { visibility: 'group' } });

    const area = await call(memberArea, { host: tenant.host, token: early.token, params: { id: groupId } });
    expect(area.json.upcoming.map((d: any) => d.id)).toContain(dealId);
    // Upcoming is for the member area only: the deal itself is not published.
    expect((await call(getDeal, { host: tenant.host, token: early.token, params: { id: dealId } })).status).toBe(404);

    const small = await call(preCommit, { host: tenant.host, token: early.token, method: 'PUT', params: { id: groupId, dealId }, body: { amount: '10' } });
    expect(small.status).toBe(400);
    expect(small.json.errors[0].field).toBe('amount');
    expect((await call(preCommit, { host: tenant.host, token: early.token, method: 'PUT', params: { id: groupId, dealId }, body: { amount: '2500' } })).json).toMatchObject({ amount: '2500.00', status: 'indicated' });
    expect((await call(preCommit, { host: tenant.host, token: late.token, method: 'PUT', params: { id: groupId, dealId }, body: { amount: '1000' } })).status).toBe(200);
    expect((await call(withdrawPre, { host: tenant.host, token: late.token, method: 'DELETE', params: { id: groupId, dealId } })).status).toBe(200);
    const outsider = await investor();
    expect((await call(preCommit, { host: tenant.host, token: outsider.token, method: 'PUT', params: { id: groupId, dealId }, body: { amount: '1000' } })).status).toBe(404);

    const demand = await call(issuerDashboard, { host: tenant.host, token: issuer.token });
    expect(demand.json.commitments.find((c: any) => c.dealId === dealId)).toMatchObject({ preCommitted: '2500.00', preCommitters: 1, invested: '0.00' });

    expect((await call(transition, { host: tenant.host, token: issuer.token, params: { id: dealId }, body: { action: 'submit' } })).status).toBe(200);
    expect((await call(transition, { host: tenant.host, token: adminToken, params: { id: dealId }, body: { action: 'approve' } })).status).toBe(200);
    const first = await noticesTo(early.id, 'group.precommit_opened');
    expect(first).toHaveLength(1);
    expect(first[0]!.body).toContain('2500.00 USD');
    // The pre-committer gets one message, not also the general one; the other member the general one, after.
    const about = (n: { data: unknown }) => (n.data as any).dealId === dealId;
    expect((await noticesTo(early.id, 'group.deal_published')).filter(about)).toHaveLength(0);
    const general = (await noticesTo(late.id, 'group.deal_published')).filter(about);
    expect(general).toHaveLength(1);
    expect(general[0]!.id > first[0]!.id).toBe(true);
    const opened = await call(preCommit, { host: tenant.host, token: early.token, method: 'PUT', params: { id: groupId, dealId }, body: { amount: '1000' } });
    expect(opened.json.code).toBe('deal_already_open');
  });
});
