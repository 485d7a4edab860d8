import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { POST as confirm } from '../../src/app/api/admin/investments/[id]/confirm/route';
import { POST as refund } from '../../src/app/api/admin/investments/[id]/refund/route';
import { DELETE as adminDetach } from '../../src/app/api/admin/brokers/[id]/clients/[investorId]/route';
import { POST as adminAttach } from '../../src/app/api/admin/brokers/[id]/clients/route';
import { PUT as updateBroker } from '../../src/app/api/admin/brokers/[id]/route';
import { GET as listBrokers, POST as createBroker } from '../../src/app/api/admin/brokers/route';
import { POST as accept } from '../../src/app/api/broker-invitations/[id]/accept/route';
import { POST as decline } from '../../src/app/api/broker-invitations/[id]/decline/route';
import { GET as relationship } from '../../src/app/api/broker-relationship/route';
import { DELETE as detachOwn, GET as clientInvestments } from '../../src/app/api/broker/clients/[investorId]/route';
import { DELETE as revoke } from '../../src/app/api/broker/invitations/[id]/route';
import { POST as invite } from '../../src/app/api/broker/invitations/route';
import { GET as dashboard } from '../../src/app/api/broker/route';
import { GET as statementCsv } from '../../src/app/api/broker/statements.csv/route';
import { GET as statement } from '../../src/app/api/broker/statements/route';
import { POST as invest } from '../../src/app/api/deals/[id]/invest/route';
import { closePools } from '../../src/server/db/pool';
import { withTenant } from '../../src/server/db/tenant';
import { call } from '../helpers/api';
import { makeActiveDeal, makeVerifiedIssuer, tokenFor } from '../helpers/deals';
import { makeTenant, makeUser, type TestTenant } from '../helpers/tenants';

// Brokers (issue 20): the admin sets up a broker's profile and settings, investors become clients
// by accepting an invitation (or by an admin), at most one broker each; investments are attributed
// to the client's broker in the transaction that creates them; commission statements per month
// credit confirmed attributed investments and deduct refunds; what a broker does concerning a
// client is shown to that client and audited.

type Who = { id: string; email: string; token: string };
let a: TestTenant;
let b: TestTenant;
let adminA: string;
let adminB: string;
let issuerA: Who & { issuerId: string };
let offered: { id: string };
let notOffered: { id: string };
let broker: Who;
let broker2: Who;
let unprofiled: Who;
let agent: Who;
let brokerId: string;
let broker2Id: string;
let brokerB: Who;

async function member(t: TestTenant, roles: Parameters<typeof makeUser>[1], kycApproved = false): Promise<Who> {
  const u = await makeUser(t, roles);
  if (kycApproved) await withTenant(t.id, null, (x) => x.tx.updateTable('profiles').set({ kyc_status: 'approved' }).where('tenant_id', '=', t.id).where('user_id', '=', u.id).execute());
  return { ...u, token: await tokenFor(t, u.email) };
}

const brokerBody = (userId: string, extra: Record<string, unknown> = {}) => ({ userId, displayName: 'Harbour Securities', licenceNumber: 'CRD-771204', licenceJurisdiction: 'us-ny', commissionBps: 150, dealIds: [offered.id], ...extra });
const month = () => new Date().toISOString().slice(0, 7);

async function investIn(dealId: string, who: Who, amount: string): Promise<string> {
  const r = await call(invest, { host: a.host, token: who.token, params: { id: dealId }, body: { amount, paymentMethod: 'wire' } });
  expect(r.status, JSON.stringify(r.json)).toBe(201);
  return r.json.investment.id as string;
}

const attribution = (investmentId: string) =>
  withTenant(a.id, null, (t) => t.tx.selectFrom('investment_broker_attributions').selectAll().where('tenant_id', '=', a.id).where('investment_id', '=', investmentId).executeTakeFirst());
const auditOf = (t: TestTenant, action: string, targetId: string) =>
  withTenant(t.id, null, (x) => x.tx.selectFrom('audit_logs').select(['actor_id', 'action', 'target_id', 'metadata']).where('tenant_id', '=', t.id).where('action', '=', action).where('target_id', '=', targetId).execute());

async function clientOf(b0: Who, investor: Who) {
  const inv = await call(invite, { host: a.host, token: b0.token, body: { email: investor.email } });
  expect(inv.status, JSON.stringify(inv.json)).toBe(201);
  expect((await call(accept, { host: a.host, token: investor.token, params: { id: inv.json.invitation.id } })).status).toBe(200);
}

beforeAll(async () => {
  [a, b] = await Promise.all([makeTenant(), makeTenant()]);
  [adminA, adminB] = await Promise.all([tokenFor(a, a.admin.email), tokenFor(b, b.admin.email)]);
  issuerA = await makeVerifiedIssuer(a, adminA);
  offered = await makeActiveDeal(a, issuerA.token, adminA, { title: 'Harbour Offered Deal', minTicket: '1' });
  notOffered = await makeActiveDeal(a, issuerA.token, adminA, { title: 'Harbour Other Deal', minTicket: '1' });
  [broker, broker2, unprofiled, agent, brokerB] = await Promise.all([member(a, ['broker']), member(a, ['broker']), member(a, ['broker']), member(a, ['transfer_agent']), member(b, ['broker'])]);
  const created = await call(createBroker, { host: a.host, token: adminA, body: brokerBody(broker.id) });
  expect(created.status, JSON.stringify(created.json)).toBe(201);
  brokerId = created.json.broker.id;
  broker2Id = (await call(createBroker, { host: a.host, token: adminA, body: brokerBody(broker2.id, { displayName: 'Quay Capital', allDeals: true, dealIds: [] }) })).json.broker.id;
  expect((await call(createBroker, { host: b.host, token: adminB, body: { ...brokerBody(brokerB.id), dealIds: [] } })).status).toBe(201);
});

afterAll(async () => {
  await closePools();
});

const noticesTo = (tenantId: string, userId: string, type: string) =>
  withTenant(tenantId, null, (x) => x.tx.selectFrom('notification_outbox').select(['channel', 'title', 'body', 'link', 'data']).where('tenant_id', '=', tenantId).where('user_id', '=', userId).where('type', '=', type).orderBy('channel').execute());

describe('admin: broker profiles and settings', () => {
  it('sets up a profile only for a member holding the broker role, once, with valid settings', async () => {
    const investor = await member(a, ['investor']);
    expect((await call(createBroker, { host: a.host, token: adminA, body: brokerBody(investor.id) })).json.code).toBe('not_a_broker');
    const dup = await call(createBroker, { host: a.host, token: adminA, body: brokerBody(broker.id) });
    expect([dup.status, dup.json.code]).toEqual([409, 'broker_exists']);
    const bad = await call(createBroker, { host: a.host, token: adminA, body: brokerBody(unprofiled.id, { commissionBps: 10_001, licenceJurisdiction: 'New York', dealIds: ['not-a-uuid'] }) });
    expect(bad.status).toBe(400);
    expect(bad.json.errors.map((e: { field: string }) => e.field).sort()).toEqual(['commissionBps', 'dealIds.0', 'licenceJurisdiction']);
    const unknownDeal = await call(createBroker, { host: a.host, token: adminA, body: brokerBody(unprofiled.id, { dealIds: ['00000000-0000-7000-8000-000000000001'] }) });
    expect([unknownDeal.status, unknownDeal.json.errors?.[0]?.field]).toEqual([400, 'dealIds.0']);

    const list = await call(listBrokers, { host: a.host, token: adminA });
    const mine = list.json.brokers.find((x: { id: string }) => x.id === brokerId);
    expect(mine).toMatchObject({ displayName: 'Harbour Securities', licenceNumber: 'CRD-771204', licenceJurisdiction: 'US-NY', commissionBps: 150, allDeals: false, dealIds: [offered.id], status: 'active' });
    expect((await auditOf(a, 'broker.created', brokerId)).length).toBe(1);
  });

  it('only a tenant admin reaches the admin routes; another tenant’s admin gets 404 for this tenant’s broker', async () => {
    const investor = await member(a, ['investor']);
    for (const who of [investor, issuerA, broker, agent]) {
      expect((await call(listBrokers, { host: a.host, token: who.token })).status).toBe(403);
      expect((await call(updateBroker, { host: a.host, token: who.token, params: { id: brokerId }, body: brokerBody(broker.id, { userId: undefined }) })).status).toBe(403);
      expect((await call(adminAttach, { host: a.host, token: who.token, params: { id: brokerId }, body: { investorId: investor.id } })).status).toBe(403);
    }
    const { userId: _u, ...fields } = brokerBody(broker.id);
    expect((await call(updateBroker, { host: b.host, token: adminB, params: { id: brokerId }, body: fields })).status).toBe(404);
    expect((await call(adminAttach, { host: b.host, token: adminB, params: { id: brokerId }, body: { investorId: investor.id } })).status).toBe(404);
    expect((await call(listBrokers, { host: b.host, token: adminB })).json.brokers.map((x: { id: string }) => x.id)).not.toContain(brokerId);
  });
});

describe('broker routes', () => {
  it('a broker role without a profile is told so; other roles are refused', async () => {
    const r = await call(dashboard, { host: a.host, token: unprofiled.token });
    expect([r.status, r.json.code]).toEqual([403, 'broker_profile_missing']);
    const investor = await member(a, ['investor']);
    for (const who of [investor, issuerA, agent]) {
      expect((await call(dashboard, { host: a.host, token: who.token })).status).toBe(403);
      expect((await call(invite, { host: a.host, token: who.token, body: { email: investor.email } })).status).toBe(403);
      expect((await call(statement, { host: a.host, token: who.token, path: `/api/broker/statements?period=${month()}` })).status).toBe(403);
      expect((await call(clientInvestments, { host: a.host, token: who.token, params: { investorId: investor.id } })).status).toBe(403);
    }
    expect((await call(dashboard, { host: a.host, token: adminA })).status).toBe(403);
    // A broker of another tenant is a stranger here.
    expect((await call(dashboard, { host: a.host, token: brokerB.token })).status).toBe(401);
  });

  it('an investor becomes a client by accepting an invitation, and has one broker at a time', async () => {
    const investor = await member(a, ['investor']);
    const inv = await call(invite, { host: a.host, token: broker.token, body: { email: investor.email.toUpperCase(), message: 'Happy to help with the harbour deal' } });
    expect(inv.status).toBe(201);
    // The investor hears of it on their channels (in-app and email; Telegram once they link it), once.
    const notices = await noticesTo(a.id, investor.id, 'broker.invited');
    expect(notices.map((n) => n.channel)).toEqual(['email', 'in_app']);
    expect(notices[0]).toMatchObject({ title: 'Harbour Securities invites you to be their client', link: '/my-broker', data: { brokerName: 'Harbour Securities', invitationId: inv.json.invitation.id } });
    const again = await call(invite, { host: a.host, token: broker.token, body: { email: investor.email } });
    expect([again.status, again.json.code]).toEqual([409, 'invitation_pending']);
    expect(await noticesTo(a.id, investor.id, 'broker.invited')).toHaveLength(2);
    const unknown = await call(invite, { host: a.host, token: broker.token, body: { email: 'nobody@example.com' } });
    expect(unknown.status).toBe(404);
    expect((await call(invite, { host: a.host, token: broker.token, body: { email: 'not-an-email' } })).json.errors[0].field).toBe('email');

    const seen = await call(relationship, { host: a.host, token: investor.token });
    expect(seen.json.broker).toBeNull();
    expect(seen.json.invitations).toEqual([expect.objectContaining({ id: inv.json.invitation.id, brokerName: 'Harbour Securities', licenceNumber: 'CRD-771204', status: 'pending', message: 'Happy to help with the harbour deal' })]);
    expect(seen.json.actions.map((x: { action: string }) => x.action)).toEqual(['invited']);

    // Only the invited investor answers; another's attempt finds nothing.
    const other = await member(a, ['investor']);
    expect((await call(accept, { host: a.host, token: other.token, params: { id: inv.json.invitation.id } })).status).toBe(404);
    const ok = await call(accept, { host: a.host, token: investor.token, params: { id: inv.json.invitation.id } });
    expect(ok.json.invitation).toEqual({ id: inv.json.invitation.id, brokerId, status: 'accepted' });
    expect((await call(accept, { host: a.host, token: investor.token, params: { id: inv.json.invitation.id } })).json.code).toBe('invitation_decided');
    expect((await call(relationship, { host: a.host, token: investor.token })).json.broker).toMatchObject({ id: brokerId, displayName: 'Harbour Securities', source: 'invitation' });
    expect((await call(dashboard, { host: a.host, token: broker.token })).json.clients.map((c: { investorId: string }) => c.investorId)).toContain(investor.id);

    // A second broker cannot take the client, neither by invitation nor through an admin.
    const taken = await call(invite, { host: a.host, token: broker2.token, body: { email: investor.email } });
    expect([taken.status, taken.json.code]).toEqual([409, 'investor_has_broker']);
    const byAdmin = await call(adminAttach, { host: a.host, token: adminA, params: { id: broker2Id }, body: { investorId: investor.id } });
    expect([byAdmin.status, byAdmin.json.code]).toEqual([409, 'investor_has_broker']);
    expect((await call(invite, { host: a.host, token: broker.token, body: { email: investor.email } })).json.code).toBe('already_client');
  });

  it('two invitations accepted at once attach the investor to exactly one broker', async () => {
    const investor = await member(a, ['investor']);
    const i1 = (await call(invite, { host: a.host, token: broker.token, body: { email: investor.email } })).json.invitation.id;
    const i2 = (await call(invite, { host: a.host, token: broker2.token, body: { email: investor.email } })).json.invitation.id;
    const answers = await Promise.all([i1, i2].map((id) => call(accept, { host: a.host, token: investor.token, params: { id } })));
    expect(answers.map((r) => r.status).sort()).toEqual([200, 409]);
    expect(answers.find((r) => r.status === 409)!.json.code).toBe('investor_has_broker');
    const links = await withTenant(a.id, null, (t) => t.tx.selectFrom('broker_clients').select('broker_id').where('tenant_id', '=', a.id).where('investor_id', '=', investor.id).execute());
    expect(links).toHaveLength(1);
  });

  it('an invitation can be declined or withdrawn; the investor sees the withdrawal', async () => {
    const investor = await member(a, ['investor']);
    const i1 = (await call(invite, { host: a.host, token: broker.token, body: { email: investor.email } })).json.invitation.id;
    expect((await call(decline, { host: a.host, token: investor.token, params: { id: i1 } })).json.invitation.status).toBe('declined');
    const i2 = (await call(invite, { host: a.host, token: broker.token, body: { email: investor.email } })).json.invitation.id;
    expect((await call(revoke, { host: a.host, token: broker2.token, params: { id: i2 } })).status).toBe(404);
    expect((await call(revoke, { host: a.host, token: broker.token, params: { id: i2 } })).json.invitation.status).toBe('revoked');
    expect((await call(accept, { host: a.host, token: investor.token, params: { id: i2 } })).json.code).toBe('invitation_decided');
    expect((await call(relationship, { host: a.host, token: investor.token })).json.actions.map((x: { action: string }) => x.action)).toEqual(['invitation_revoked', 'invited', 'invited']);
  });
});

describe('attribution and commission', () => {
  it('writes the attribution with the investment, at the broker’s rate of that moment, only for deals the broker may offer', async () => {
    const investor = await member(a, ['investor'], true);
    const loner = await member(a, ['investor'], true);
    await clientOf(broker, investor);
    const first = await investIn(offered.id, investor, '100');
    expect(await attribution(first)).toMatchObject({ broker_id: brokerId, commission_bps: 150 });
    expect(await attribution(await investIn(notOffered.id, investor, '100'))).toBeUndefined();
    expect(await attribution(await investIn(offered.id, loner, '100'))).toBeUndefined();

    const { userId: _u, ...fields } = brokerBody(broker.id, { commissionBps: 225 });
    expect((await call(updateBroker, { host: a.host, token: adminA, params: { id: brokerId }, body: fields })).json.broker.commissionBps).toBe(225);
    const second = await investIn(offered.id, investor, '100');
    expect(await attribution(second)).toMatchObject({ broker_id: brokerId, commission_bps: 225 });
    expect((await attribution(first))!.commission_bps).toBe(150);
    expect((await auditOf(a, 'broker.settings_changed', brokerId))[0]!.metadata).toMatchObject({ before: { commissionBps: 150 }, after: { commissionBps: 225 } });

    // A suspended broker earns nothing on new investments; detached clients neither.
    await call(updateBroker, { host: a.host, token: adminA, params: { id: brokerId }, body: { ...fields, status: 'suspended' } });
    expect(await attribution(await investIn(offered.id, investor, '100'))).toBeUndefined();
    await call(updateBroker, { host: a.host, token: adminA, params: { id: brokerId }, body: { ...fields, commissionBps: 150 } });
    expect((await call(adminDetach, { host: a.host, token: adminA, params: { id: brokerId, investorId: investor.id } })).status).toBe(200);
    expect(await attribution(await investIn(offered.id, investor, '100'))).toBeUndefined();
    expect((await call(adminDetach, { host: a.host, token: adminA, params: { id: brokerId, investorId: investor.id } })).status).toBe(404);
  });

  it('the month’s statement credits confirmed attributed investments x bps (rounded down per investment) and deducts refunds', async () => {
    const c1 = await member(a, ['investor'], true);
    const c2 = await member(a, ['investor'], true);
    await clientOf(broker2, c1);
    expect((await call(adminAttach, { host: a.host, token: adminA, params: { id: broker2Id }, body: { investorId: c2.id } })).status).toBe(201);
    // broker2: 150 bps, every deal.
    const big = await investIn(offered.id, c1, '1000');
    const odd = await investIn(notOffered.id, c2, '333.33');
    const refunded = await investIn(offered.id, c2, '200');
    const pending = await investIn(offered.id, c1, '5000');
    for (const id of [big, odd, refunded]) expect((await call(confirm, { host: a.host, token: adminA, params: { id } })).status).toBe(200);
    expect((await call(refund, { host: a.host, token: adminA, params: { id: refunded }, body: { reason: 'wire reversed by the bank' } })).status).toBe(200);

    const r = await call(statement, { host: a.host, token: broker2.token, path: `/api/broker/statements?period=${month()}` });
    expect(r.status).toBe(200);
    const lines = r.json.statement.lines.map((l: { investmentId: string; kind: string; commission: string }) => [l.investmentId, l.kind, l.commission]);
    expect(lines).toEqual(
      expect.arrayContaining([
        [big, 'credit', '15.00'],
        [odd, 'credit', '4.99'], // 33333 x 150 / 10000 = 499.995 cents, rounded down
        [refunded, 'credit', '3.00'],
        [refunded, 'refund', '-3.00'],
      ]),
    );
    expect(lines.some(([id]: [string]) => id === pending)).toBe(false);
    expect(r.json.statement.totals).toEqual([{ currency: 'USD', credited: '22.99', deducted: '3.00', net: '19.99' }]);

    // Nothing happened last year; a bad period names the field.
    const empty = await call(statement, { host: a.host, token: broker2.token, path: `/api/broker/statements?period=${Number(month().slice(0, 4)) - 1}-01` });
    expect(empty.json.statement).toMatchObject({ lines: [], totals: [] });
    const bad = await call(statement, { host: a.host, token: broker2.token, path: '/api/broker/statements?period=2026-13' });
    expect([bad.status, bad.json.errors[0].field]).toEqual([400, 'period']);
    // Another broker's statement does not include these.
    const mine = await call(statement, { host: a.host, token: broker.token, path: `/api/broker/statements?period=${month()}` });
    expect(mine.json.statement.lines.some((l: { investmentId: string }) => [big, odd, refunded].includes(l.investmentId))).toBe(false);

    // The CSV is the same statement; the export is audited and shown to the clients in it.
    const csv = await call(statementCsv, { host: a.host, token: broker2.token, path: `/api/broker/statements.csv?period=${month()}` });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.json).toContain(`${big}`);
    expect(csv.json).toContain('USD,22.99,3.00,19.99');
    expect((await call(relationship, { host: a.host, token: c2.token })).json.actions.map((x: { action: string }) => x.action)).toContain('exported_statement');
    expect((await auditOf(a, 'broker.statement_exported', broker2Id)).length).toBe(1);
  });

  it('a broker reads a client’s investments (shown to the client, audited) but nobody else’s', async () => {
    const client = await member(a, ['investor'], true);
    const stranger = await member(a, ['investor'], true);
    await clientOf(broker, client);
    const id = await investIn(offered.id, client, '250');
    const r = await call(clientInvestments, { host: a.host, token: broker.token, params: { investorId: client.id } });
    expect(r.json.investments).toEqual([expect.objectContaining({ id, amount: '250.00', currency: 'USD', commissionBps: 150, status: expect.any(String) })]);
    expect((await call(dashboard, { host: a.host, token: broker.token })).json.investments.map((x: { id: string }) => x.id)).toContain(id);
    const seen = await call(relationship, { host: a.host, token: client.token });
    expect(seen.json.actions[0]).toMatchObject({ action: 'viewed_investments', brokerName: 'Harbour Securities' });
    expect((await auditOf(a, 'broker.viewed_investments', client.id)).length).toBe(1);

    expect((await call(clientInvestments, { host: a.host, token: broker.token, params: { investorId: stranger.id } })).status).toBe(404);
    expect((await call(clientInvestments, { host: a.host, token: broker2.token, params: { investorId: client.id } })).status).toBe(404);
    expect((await call(clientInvestments, { host: b.host, token: brokerB.token, params: { investorId: client.id } })).status).toBe(404);
    expect((await call(clientInvestments, { host: a.host, token: broker.token, params: { investorId: 'nope' } })).json.errors[0].field).toBe('investorId');

    // The broker may stop representing the client; the client sees it.
    expect((await call(detachOwn, { host: a.host, token: broker.token, params: { investorId: client.id } })).status).toBe(200);
    const after = await call(relationship, { host: a.host, token: client.token });
    expect(after.json.broker).toBeNull();
    expect(after.json.actions[0].action).toBe('detached');
  });
});
